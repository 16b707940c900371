namespace TwilioCallTracking;

/// <summary>
/// The outbox: the notifications <see cref="ICallStore.ChangeAsync"/> stored with each change
/// (<see cref="CallDecision.Notifications"/>), and their deliveries to each target, handed out under leases so that
/// several app instances sharing one database never deliver the same one at the same time. It must read the data the
/// registered <see cref="ICallStore"/> writes (the same database, or the same object in memory).
/// </summary>
/// <remarks>
/// The dispatcher first fans each new notification out to its targets (<see cref="DispatchAsync"/>), then claims due
/// deliveries (<see cref="ClaimDeliveriesAsync"/>), attempts them and records each attempt (<see cref="CompleteDeliveryAsync"/>).
/// Stores that share a database across processes must claim atomically (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>).
/// </remarks>
public interface ICallNotificationStore
{
    /// <summary>Every tenant's notifications not yet dispatched to their targets, oldest first, at most <paramref name="batchSize"/>.</summary>
    Task<IReadOnlyList<CallNotification>> ListUndispatchedAsync(int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically creates one <see cref="NotificationDeliveryState.Pending"/> delivery due at <paramref name="at"/> for each
    /// of <paramref name="targets"/> the notification has no delivery for yet, and marks the notification dispatched. Safe
    /// to call again, and from two processes at once: a notification never has two deliveries to one target. Does nothing
    /// for a notification the store does not have.
    /// </summary>
    Task DispatchAsync(CallNotification notification, IReadOnlyList<NotificationTarget> targets, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <see cref="NotificationClaimCriteria.BatchSize"/> pending deliveries due by
    /// <see cref="NotificationClaimCriteria.Now"/>, oldest first, none of them under another live lease, and leases them to
    /// <see cref="NotificationClaimCriteria.Owner"/> until <see cref="NotificationClaimCriteria.LeaseExpiresAt"/>.
    /// </summary>
    Task<IReadOnlyList<NotificationDeliveryLease>> ClaimDeliveriesAsync(NotificationClaimCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an attempt and ends the lease: the attempt count goes up by one, and the delivery takes the attempt's
    /// state, next due time, status code and error. Fenced by the lease id: returns <see langword="false"/> and changes
    /// nothing when the lease expired and another worker claimed the delivery since.
    /// </summary>
    Task<bool> CompleteDeliveryAsync(NotificationDeliveryLease lease, NotificationAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>A tenant's deliveries (its delivery log), newest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string tenantId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a tenant's delivery pending again, due at <paramref name="at"/>, with its attempt count back to zero and any
    /// lease dropped (whatever its state: a delivered one is sent again). Returns the delivery as now stored, or
    /// <see langword="null"/> when the tenant has no such delivery.
    /// </summary>
    Task<NotificationDelivery?> RedeliverAsync(string tenantId, Guid deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> dispatched notifications that occurred before <paramref name="before"/>
    /// and have no pending delivery left, with their deliveries. Returns how many notifications were deleted.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken = default);
}
