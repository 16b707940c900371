namespace TwilioCallTracking;

/// <summary>What a tenant asks for when it creates or changes an outgoing webhook subscription.</summary>
public sealed record WebhookSubscriptionRequest
{
    /// <summary>Where deliveries are POSTed: an absolute https URL on a public host (http and local hosts only in Development).</summary>
    public required Uri Url { get; init; }

    /// <summary>The <see cref="CallNotificationTypes"/> to receive; empty for all of them.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Whether new notifications are delivered.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>What the subscription is for (at most 200 characters).</summary>
    public string? Description { get; init; }
}
