using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// An outgoing webhook subscription as the webhook subscriptions API returns it. Its signing secret is never part of it:
/// the plain secret is shown once, by <see cref="WebhookSubscriptionSecretResponse"/>, and the stored one never leaves the server.
/// </summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="EventTypes">The notification types delivered (<c>call.ended</c>, …); empty for all of them.</param>
/// <param name="Enabled">Whether new notifications are delivered.</param>
/// <param name="Description">What the subscription is for.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed (its secret rotated included).</param>
public sealed record WebhookSubscriptionResponse(
    Guid Id, Uri Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The API's view of <paramref name="subscription"/>.</summary>
    public static WebhookSubscriptionResponse Create(WebhookSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new WebhookSubscriptionResponse(
            subscription.Id, subscription.Url, subscription.EventTypes, subscription.Enabled, subscription.Description,
            subscription.CreatedAt, subscription.UpdatedAt);
    }
}
