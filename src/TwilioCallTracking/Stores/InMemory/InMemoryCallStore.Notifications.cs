namespace TwilioCallTracking;

/// <summary>The outbox of <see cref="InMemoryCallStore"/>: written under the same lock as the calls, so with the change.</summary>
public sealed partial class InMemoryCallStore
{
    private readonly Dictionary<Guid, OutboxEntry> _notifications = [];
    private readonly Dictionary<Guid, DeliveryEntry> _deliveries = [];

    private void AddNotifications(IReadOnlyList<CallNotification> notifications)
    {
        foreach (var notification in notifications)
        {
            _notifications[notification.Id] = new OutboxEntry(notification);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CallNotification>> ListUndispatchedAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CallNotification> page = _notifications.Values
                .Where(n => n.DispatchedAt is null)
                .Select(n => n.Notification)
                .OrderBy(n => n.OccurredAt).ThenBy(n => n.Id)
                .Take(batchSize)
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task DispatchAsync(CallNotification notification, IReadOnlyList<NotificationTarget> targets, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(targets);
        lock (_gate)
        {
            if (!_notifications.TryGetValue(notification.Id, out var entry))
            {
                return Task.CompletedTask;
            }

            foreach (var target in targets.Distinct())
            {
                if (!_deliveries.Values.Any(d => d.Delivery.Notification.Id == notification.Id && d.Delivery.Target == target))
                {
                    var id = Guid.CreateVersion7(at);
                    _deliveries[id] = new DeliveryEntry(new NotificationDelivery
                    {
                        Id = id,
                        Notification = entry.Notification,
                        Target = target,
                        State = NotificationDeliveryState.Pending,
                        NextAttemptAt = at,
                        CreatedAt = at,
                    }, null, null);
                }
            }

            entry.DispatchedAt ??= at;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NotificationDeliveryLease>> ClaimDeliveriesAsync(NotificationClaimCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            var due = _deliveries.Values
                .Where(d => d.Delivery.State == NotificationDeliveryState.Pending && d.Delivery.NextAttemptAt <= criteria.Now
                    && (d.LeaseExpiresAt is null || d.LeaseExpiresAt <= criteria.Now))
                .OrderBy(d => d.Delivery.NextAttemptAt).ThenBy(d => d.Delivery.Id)
                .Take(criteria.BatchSize)
                .ToList();
            var leases = new List<NotificationDeliveryLease>(due.Count);
            foreach (var entry in due)
            {
                var lease = new NotificationDeliveryLease(entry.Delivery, Guid.NewGuid());
                _deliveries[entry.Delivery.Id] = entry with { LeaseId = lease.LeaseId, LeaseExpiresAt = criteria.LeaseExpiresAt };
                leases.Add(lease);
            }

            return Task.FromResult<IReadOnlyList<NotificationDeliveryLease>>(leases);
        }
    }

    /// <inheritdoc/>
    public Task<bool> CompleteDeliveryAsync(NotificationDeliveryLease lease, NotificationAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(lease.Delivery.Id, out var entry) || entry.LeaseId != lease.LeaseId)
            {
                return Task.FromResult(false);
            }

            _deliveries[entry.Delivery.Id] = new DeliveryEntry(entry.Delivery with
            {
                State = attempt.State,
                Attempts = entry.Delivery.Attempts + 1,
                NextAttemptAt = attempt.State == NotificationDeliveryState.Pending ? attempt.NextAttemptAt ?? attempt.At : null,
                LastAttemptAt = attempt.At,
                LastStatusCode = attempt.StatusCode,
                LastError = attempt.Error,
                DeliveredAt = attempt.State == NotificationDeliveryState.Delivered ? attempt.At : entry.Delivery.DeliveredAt,
            }, null, null);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string tenantId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<NotificationDelivery> page = _deliveries.Values
                .Select(d => d.Delivery)
                .Where(d => d.Notification.TenantId == tenantId
                    && (query.Before is not { } before || d.Id.CompareTo(before) < 0)
                    && (query.State is not { } state || d.State == state)
                    && (query.Target is not { } target || d.Target == target)
                    && (query.CallId is not { } callId || d.Notification.CallId == callId))
                .OrderByDescending(d => d.Id)
                .Take(Math.Clamp(query.Limit, 1, 500))
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<NotificationDelivery?> RedeliverAsync(string tenantId, Guid deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var entry) || entry.Delivery.Notification.TenantId != tenantId)
            {
                return Task.FromResult<NotificationDelivery?>(null);
            }

            var delivery = entry.Delivery with { State = NotificationDeliveryState.Pending, Attempts = 0, NextAttemptAt = at };
            _deliveries[deliveryId] = new DeliveryEntry(delivery, null, null);
            return Task.FromResult<NotificationDelivery?>(delivery);
        }
    }

    /// <inheritdoc/>
    public Task<int> PurgeAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var purged = _notifications.Values
                .Where(n => n.DispatchedAt is not null && n.Notification.OccurredAt < before
                    && !_deliveries.Values.Any(d => d.Delivery.Notification.Id == n.Notification.Id && d.Delivery.State == NotificationDeliveryState.Pending))
                .OrderBy(n => n.Notification.OccurredAt)
                .Take(batchSize)
                .Select(n => n.Notification.Id)
                .ToHashSet();
            foreach (var id in purged)
            {
                _notifications.Remove(id);
            }

            foreach (var delivery in _deliveries.Values.Where(d => purged.Contains(d.Delivery.Notification.Id)).ToList())
            {
                _deliveries.Remove(delivery.Delivery.Id);
            }

            return Task.FromResult(purged.Count);
        }
    }

    private sealed class OutboxEntry(CallNotification notification)
    {
        public CallNotification Notification { get; } = notification;

        public DateTimeOffset? DispatchedAt { get; set; }
    }

    private sealed record DeliveryEntry(NotificationDelivery Delivery, Guid? LeaseId, DateTimeOffset? LeaseExpiresAt);
}
