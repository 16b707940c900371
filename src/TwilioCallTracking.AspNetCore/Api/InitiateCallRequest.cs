namespace TwilioCallTracking.AspNetCore;

/// <summary>The body of <c>POST /api/calls/initiate</c>: the call to place for the signed-in user.</summary>
public sealed record InitiateCallRequest
{
    /// <summary>The number to call, in E.164 (e.g. <c>+14155550100</c>).</summary>
    public string? To { get; init; }

    /// <summary>The CRM contact being called, if any.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>Whether to record the call; default <see langword="true"/> (<c>TwilioCallTracking:RecordByDefault</c>).</summary>
    public bool? Record { get; init; }
}
