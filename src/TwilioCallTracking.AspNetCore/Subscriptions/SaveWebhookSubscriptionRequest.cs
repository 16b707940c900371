using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The body of <c>POST /api/webhooks/subscriptions</c> (create) and <c>PUT /api/webhooks/subscriptions/{id}</c> (replace):
/// the whole subscription, its secret aside. On a PUT, a field left out takes its default, as on creation.
/// </summary>
public sealed record SaveWebhookSubscriptionRequest
{
    /// <summary>Where deliveries are POSTed: an absolute https URL on a public host (http and local hosts only in Development).</summary>
    public Uri? Url { get; init; }

    /// <summary>The <see cref="CallNotificationTypes"/> to receive (<c>call.ended</c>, …); empty or left out for all of them.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Whether new notifications are delivered; default <see langword="true"/>.</summary>
    public bool? Enabled { get; init; }

    /// <summary>What the subscription is for (at most 200 characters).</summary>
    public string? Description { get; init; }

    // A missing URL is the service's to report, in its own words, like every other rule of a subscription.
    internal WebhookSubscriptionRequest ToServiceRequest() => new()
    {
        Url = Url!,
        EventTypes = EventTypes ?? [],
        Enabled = Enabled ?? true,
        Description = Description,
    };
}
