namespace TwilioCallTracking;

/// <summary>A request to place an outbound call from the CRM.</summary>
public sealed record StartCallRequest
{
    /// <summary>The tenant placing the call.</summary>
    public required string TenantId { get; init; }

    /// <summary>The number to call, in E.164 (<c>+</c> and up to 15 digits).</summary>
    public required string To { get; init; }

    /// <summary>The CRM contact being called, if any.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>The CRM user placing the call, if known.</summary>
    public string? UserId { get; init; }

    /// <summary>Whether to record the call; <see langword="null"/> uses <see cref="TwilioCallTrackingOptions.RecordByDefault"/>.</summary>
    public bool? Record { get; init; }
}
