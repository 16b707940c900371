using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ICallNotificationStore"/> on Entity Framework Core: the outbox <c>call_notifications</c>, which
/// <see cref="EntityFrameworkCallStore{TContext}"/> writes with each change, and <c>call_notification_deliveries</c>, one
/// row per notification and target. Several app instances on one database share the work without delivering any
/// delivery twice at once: a claim is one statement (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite: one atomic
/// <c>UPDATE … RETURNING</c> in an immediate transaction), an attempt is recorded by one <c>UPDATE</c> fenced by the lease
/// id, and a fan-out inserts <c>ON CONFLICT (notification_id, target) DO NOTHING</c>. A database that cannot serve now
/// is reported as <see cref="StoreUnavailableException"/>.
/// </summary>
/// <remarks>
/// Listing undispatched notifications, claiming and purging cross tenants: with PostgreSQL row-level security they go
/// through the clause that lets the stores' lookups across tenants read both tables and claim deliveries; the purge
/// deletes tenant by tenant. Fan-outs, attempts, the delivery log and redeliveries name the notification's tenant.
/// </remarks>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkCallNotificationStore<TContext> : ICallNotificationStore
    where TContext : DbContext
{
    private const int MaxPageSize = 500;

    private readonly CallTrackingContexts<TContext> _contexts;
    private NotificationClaim? _claim;
    private NotificationFanOut? _fanOut;

    /// <summary>Creates the store, its database commands bounded by the default <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkCallNotificationStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new TwilioCallTrackingOptions().StoreTimeout)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    /// <param name="commandTimeout">
    /// The longest any of its database commands may take, and the longest a write waits for this process's other writes
    /// to the same SQLite file (at least 1 s); <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.
    /// </param>
    public EntityFrameworkCallNotificationStore(IDbContextFactory<TContext> contextFactory, TimeSpan commandTimeout)
    {
        _contexts = new CallTrackingContexts<TContext>(contextFactory, commandTimeout);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CallNotification>> ListUndispatchedAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        if (batchSize <= 0)
        {
            return Task.FromResult<IReadOnlyList<CallNotification>>([]);
        }

        // Every tenant's: without the query filter, and the condition is the undispatched index's filter.
        return _contexts.RunAsync<IReadOnlyList<CallNotification>>(null, async (db, ct) => await db.Set<CallNotification>()
            .AsNoTracking()
            .IgnoreQueryFilters()
            .Where(n => EF.Property<DateTimeOffset?>(n, NotificationColumns.DispatchedAt) == null)
            .OrderBy(n => n.OccurredAt).ThenBy(n => n.Id)
            .Take(batchSize)
            .ToListAsync(ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task DispatchAsync(CallNotification notification, IReadOnlyList<NotificationTarget> targets, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(targets);
        return _contexts.RunWriteAsync(notification.TenantId, async (db, ct) =>
        {
            await FanOutFor(db).ExecuteAsync(db, notification, targets, at, ct);
            return await db.Set<CallNotification>()
                .Where(n => n.Id == notification.Id && n.TenantId == notification.TenantId
                    && EF.Property<DateTimeOffset?>(n, NotificationColumns.DispatchedAt) == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => EF.Property<DateTimeOffset?>(n, NotificationColumns.DispatchedAt), at), ct);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NotificationDeliveryLease>> ClaimDeliveriesAsync(NotificationClaimCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.BatchSize <= 0)
        {
            return Task.FromResult<IReadOnlyList<NotificationDeliveryLease>>([]);
        }

        return _contexts.RunWriteAsync<IReadOnlyList<NotificationDeliveryLease>>(null, async (db, ct) =>
        {
            var claim = ClaimFor(db);

            // One lease id per claim: the completion matches it together with the delivery's id, so it still fences each one.
            var leaseId = Guid.NewGuid();

            // Tracked, so that loading their notifications fills in each delivery's; the context ends with this method. No
            // query filter: it would wrap the UPDATE in a SELECT, and the claim is meant to see every tenant.
            var deliveries = await db.Set<NotificationDelivery>()
                .FromSqlRaw(claim.Sql, claim.Parameters(db, criteria, leaseId))
                .IgnoreQueryFilters()
                .ToListAsync(ct);
            if (deliveries.Count == 0)
            {
                return [];
            }

            var notificationIds = deliveries.Select(d => db.Entry(d).Property<Guid>(NotificationColumns.NotificationId).CurrentValue).Distinct().ToList();
            await db.Set<CallNotification>().IgnoreQueryFilters().Where(n => notificationIds.Contains(n.Id)).LoadAsync(ct);
            return
            [
                .. deliveries.OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => new NotificationDeliveryLease(d, leaseId)),
            ];
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> CompleteDeliveryAsync(NotificationDeliveryLease lease, NotificationAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(attempt);
        var (delivery, leaseId) = (lease.Delivery, (Guid?)lease.LeaseId);
        var tenantId = delivery.Notification.TenantId;
        DateTimeOffset? next = attempt.State == NotificationDeliveryState.Pending ? attempt.NextAttemptAt ?? attempt.At : null;
        return _contexts.RunAsync(tenantId, async (db, ct) => await Delivery(db, tenantId, delivery.Id)
            .Where(d => EF.Property<Guid?>(d, NotificationColumns.LeaseId) == leaseId)
            .ExecuteUpdateAsync(
                set =>
                {
                    set.SetProperty(d => d.State, attempt.State)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                        .SetProperty(d => d.NextAttemptAt, next)
                        .SetProperty(d => d.LastAttemptAt, (DateTimeOffset?)attempt.At)
                        .SetProperty(d => d.LastStatusCode, attempt.StatusCode)
                        .SetProperty(d => d.LastError, attempt.Error);
                    if (attempt.State == NotificationDeliveryState.Delivered)
                    {
                        set.SetProperty(d => d.DeliveredAt, (DateTimeOffset?)attempt.At);
                    }

                    EndLease(set);
                },
                ct) > 0, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string tenantId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _contexts.RunAsync<IReadOnlyList<NotificationDelivery>>(tenantId, async (db, ct) =>
        {
            var deliveries = db.Set<NotificationDelivery>().AsNoTracking().Include(d => d.Notification)
                .Where(d => EF.Property<string>(d, NotificationColumns.TenantId) == tenantId);
            if (query.Before is { } before)
            {
                deliveries = deliveries.Where(d => d.Id.CompareTo(before) < 0);
            }

            if (query.State is { } state)
            {
                deliveries = deliveries.Where(d => d.State == state);
            }

            if (query.Target is { } target)
            {
                deliveries = deliveries.Where(d => d.Target == target);
            }

            if (query.CallId is { } callId)
            {
                deliveries = deliveries.Where(d => d.Notification.CallId == callId);
            }

            return await deliveries.OrderByDescending(d => d.Id).Take(Math.Clamp(query.Limit, 1, MaxPageSize)).ToListAsync(ct);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<NotificationDelivery?> RedeliverAsync(string tenantId, Guid deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        _contexts.RunWriteAsync(tenantId, async (db, ct) =>
        {
            var reset = await Delivery(db, tenantId, deliveryId).ExecuteUpdateAsync(
                set =>
                {
                    set.SetProperty(d => d.State, NotificationDeliveryState.Pending)
                        .SetProperty(d => d.Attempts, 0)
                        .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)at);
                    EndLease(set);
                },
                ct);
            return reset == 0 ? null : await Delivery(db, tenantId, deliveryId).AsNoTracking().Include(d => d.Notification).SingleAsync(ct);
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<int> PurgeAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken = default) =>
        batchSize <= 0
            ? Task.FromResult(0)
            : _contexts.RunWriteAsync(null, (db, ct) => NotificationPurge.ExecuteAsync(db, before, batchSize, ct), cancellationToken);

    private static IQueryable<NotificationDelivery> Delivery(TContext db, string tenantId, Guid deliveryId) =>
        db.Set<NotificationDelivery>().Where(d => d.Id == deliveryId && EF.Property<string>(d, NotificationColumns.TenantId) == tenantId);

    private static void EndLease(UpdateSettersBuilder<NotificationDelivery> set) => set
        .SetProperty(d => EF.Property<Guid?>(d, NotificationColumns.LeaseId), (Guid?)null)
        .SetProperty(d => EF.Property<DateTimeOffset?>(d, NotificationColumns.LeaseExpiresAt), (DateTimeOffset?)null);

    private NotificationClaim ClaimFor(TContext db)
    {
        var claim = _claim;
        if (claim is null || !ReferenceEquals(claim.Model, db.Model))
        {
            _claim = claim = new NotificationClaim(db.Model, db.GetService<ISqlGenerationHelper>(), CallTrackingProviders.IsPostgreSql(db));
        }

        return claim;
    }

    private NotificationFanOut FanOutFor(TContext db)
    {
        var fanOut = _fanOut;
        if (fanOut is null || !ReferenceEquals(fanOut.Model, db.Model))
        {
            _fanOut = fanOut = new NotificationFanOut(db.Model, db.GetService<ISqlGenerationHelper>());
        }

        return fanOut;
    }
}
