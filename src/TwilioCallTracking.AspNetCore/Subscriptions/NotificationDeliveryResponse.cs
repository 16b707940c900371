using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// One line of the delivery log: one notification on its way to one target, an in-process handler or an outgoing
/// webhook subscription.
/// </summary>
/// <param name="Id">The delivery's id (<c>POST /api/webhooks/deliveries/{id}/redeliver</c>).</param>
/// <param name="NotificationId">The notification's id: the <c>webhook-id</c> a receiver gets, the same on every attempt and redelivery.</param>
/// <param name="Type">The notification's type (<c>call.ended</c>, …).</param>
/// <param name="CallId">The call it is about (<c>GET /api/calls/{id}</c>).</param>
/// <param name="TargetKind"><c>webhook</c> (see <paramref name="SubscriptionId"/>) or <c>handler</c> (see <paramref name="HandlerName"/>).</param>
/// <param name="SubscriptionId">The subscription, for a webhook delivery (it may have been deleted since).</param>
/// <param name="HandlerName">The handler's type name, for a handler delivery.</param>
/// <param name="State"><c>pending</c>, <c>delivered</c> or <c>dead</c> (given up; only a redelivery tries again).</param>
/// <param name="Attempts">How many attempts were made (back to 0 on a redelivery).</param>
/// <param name="NextAttemptAt">When the next attempt is due, while pending.</param>
/// <param name="LastAttemptAt">When the last attempt ended.</param>
/// <param name="LastStatusCode">The HTTP status the receiver answered on the last attempt, if it answered.</param>
/// <param name="LastError">Why the last attempt failed, in words (never a secret, never the receiver's body).</param>
/// <param name="DeliveredAt">When it was delivered.</param>
/// <param name="CreatedAt">When the delivery was created.</param>
public sealed record NotificationDeliveryResponse(
    Guid Id, Guid NotificationId, string Type, Guid CallId, string TargetKind, Guid? SubscriptionId, string? HandlerName, string State,
    int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError,
    DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt)
{
    /// <summary>The API's view of <paramref name="delivery"/>.</summary>
    public static NotificationDeliveryResponse Create(NotificationDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var target = delivery.Target;
        return new NotificationDeliveryResponse(
            delivery.Id, delivery.Notification.Id, delivery.Notification.Type, delivery.Notification.CallId,
            target.IsHandler ? "handler" : "webhook", target.SubscriptionId, target.HandlerName, delivery.State.ToApiString(),
            delivery.Attempts, delivery.NextAttemptAt, delivery.LastAttemptAt, delivery.LastStatusCode, delivery.LastError,
            delivery.DeliveredAt, delivery.CreatedAt);
    }
}
