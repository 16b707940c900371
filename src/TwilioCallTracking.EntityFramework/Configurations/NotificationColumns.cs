using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The outbox's bookkeeping that the domain types do not carry, kept as EF shadow properties (like
/// <see cref="ReconciliationColumns"/> on calls), the stored names of <see cref="NotificationDeliveryState"/>, and the SQL
/// filters of the partial indexes, repeated word for word in the queries so that both databases can prove they apply.
/// </summary>
internal static class NotificationColumns
{
    /// <summary>When the notification was fanned out to its targets (<c>call_notifications.dispatched_at</c>): null until then.</summary>
    public const string DispatchedAt = "DispatchedAt";

    /// <summary>The delivery's notification (<c>call_notification_deliveries.notification_id</c>), the key of <see cref="NotificationDelivery.Notification"/>.</summary>
    public const string NotificationId = "NotificationId";

    /// <summary>The delivery's tenant (<c>call_notification_deliveries.tenant_id</c>): its notification's, copied so the log and row-level security need no join.</summary>
    public const string TenantId = "TenantId";

    /// <summary>The lease of the dispatcher that claimed the delivery (<c>lease_id</c>), null when free.</summary>
    public const string LeaseId = "LeaseId";

    /// <summary>When that lease ends if never completed (<c>lease_expires_at</c>).</summary>
    public const string LeaseExpiresAt = "LeaseExpiresAt";

    /// <summary>The stored name of <see cref="NotificationDeliveryState.Pending"/>.</summary>
    public const string Pending = "pending";

    private const string Delivered = "delivered";
    private const string Dead = "dead";

    /// <summary>The filter of the index of notifications still to fan out.</summary>
    public const string Undispatched = "dispatched_at IS NULL";

    /// <summary>The filter of the index of notifications the purge may delete.</summary>
    public const string Dispatched = "dispatched_at IS NOT NULL";

    /// <summary>The filter of the index of deliveries the dispatcher claims.</summary>
    public const string IsPending = "state = '" + Pending + "'";

    /// <summary>How <paramref name="state"/> is stored: <c>pending</c>, <c>delivered</c> or <c>dead</c>.</summary>
    public static string StateName(NotificationDeliveryState state) => state switch
    {
        NotificationDeliveryState.Pending => Pending,
        NotificationDeliveryState.Delivered => Delivered,
        NotificationDeliveryState.Dead => Dead,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a delivery state."),
    };

    /// <summary>Reads a stored state.</summary>
    public static NotificationDeliveryState ParseState(string value) => value switch
    {
        Pending => NotificationDeliveryState.Pending,
        Delivered => NotificationDeliveryState.Delivered,
        Dead => NotificationDeliveryState.Dead,
        _ => throw new FormatException($"'{value}' is not a notification delivery state."),
    };
}
