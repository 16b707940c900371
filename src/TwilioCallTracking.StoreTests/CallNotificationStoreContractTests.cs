using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Xunit;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What every <see cref="ICallNotificationStore"/> must do, with the <see cref="ICallStore"/> that writes its
/// notifications. Listing, claiming and purging see every tenant, so each test needs stores of its own, empty, and can
/// then expect exactly what comes back: <see cref="CreateStoresAsync"/> is asked once per test (a new database, or a new
/// schema, each time); drop it in <see cref="DisposeAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyNotificationStoreTests : CallNotificationStoreContractTests
/// {
///     private readonly MyDatabase _database = new();   // a fresh, empty database
///
///     protected override async Task&lt;NotificationStores&gt; CreateStoresAsync()
///     {
///         await _database.CreateAsync();
///         return new NotificationStores(new MyCallStore(_database.ConnectionString), new MyNotificationStore(_database.ConnectionString));
///     }
///
///     public override Task DisposeAsync() =&gt; _database.DropAsync();
/// }
/// </code>
/// </example>
public abstract class CallNotificationStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Tick = TimeSpan.FromMicroseconds(1);
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);
    private static readonly NotificationTarget Handler = NotificationTarget.Handler(typeof(CrmActivityHandler));

    private Task<NotificationStores>? _stores;

    /// <summary>
    /// A call store and the notification store under test over the same, empty data, for this test only. Throw
    /// <c>Xunit.SkipException</c> (<c>Skip.If</c>) when the database is not available here to skip the test.
    /// </summary>
    protected abstract Task<NotificationStores> CreateStoresAsync();

    /// <summary>Runs before each test; nothing by default.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Runs after each test: override it to drop what <see cref="CreateStoresAsync"/> created.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Saved changes: store their notifications, listed undispatched oldest first, across tenants.</summary>
    [SkippableFact]
    public async Task SavedChanges_StoreTheirNotifications_ListedUndispatchedOldestFirst_AcrossTenants()
    {
        var a = NewCall(NewTenant());
        var b = NewCall(NewTenant(), createdAt: T0.AddSeconds(1));
        var started = NewNotification(a, CallNotificationTypes.Started, T0);
        var ringing = NewNotification(a, CallNotificationTypes.Ringing, T0 + Tick);
        await AddCallAsync(a, started, ringing);
        var otherTenant = NewNotification(b, CallNotificationTypes.Started, T0.AddSeconds(1));
        await AddCallAsync(b, otherTenant);

        var answered = NewNotification(a, CallNotificationTypes.Answered, T0.AddSeconds(2));
        var next = a with { Status = CallStatus.InProgress, AnsweredAt = T0.AddSeconds(2) };
        Assert.Equal(CallChangeOutcome.Saved, (await ChangeAsync(a, NewEvent(a, "in-progress"), next, answered)).Outcome);
        var priced = NewNotification(a, CallNotificationTypes.PriceKnown, T0.AddSeconds(3));
        Assert.Equal(CallChangeOutcome.Saved, (await ChangeAsync(a, NewEvent(a, "priced"), next: null, priced)).Outcome);

        var store = await NotificationsAsync();
        AssertSameNotifications([started, ringing, otherTenant, answered, priced], await store.ListUndispatchedAsync(50));
        AssertSameNotifications([started, ringing], await store.ListUndispatchedAsync(2));
    }

    /// <summary>Changes that are not saved (duplicate, unchanged, another tenant's SID, failed): store no notification.</summary>
    [SkippableFact]
    public async Task ChangesThatAreNotSaved_StoreNoNotifications()
    {
        var call = NewCall(NewTenant());
        var started = NewNotification(call);
        await AddCallAsync(call, started);
        var ringing = NewNotification(call, CallNotificationTypes.Ringing, T0.AddSeconds(1));
        var toRinging = call with { Status = CallStatus.Ringing };
        Assert.Equal(CallChangeOutcome.Saved, (await ChangeAsync(call, NewEvent(call, "ringing", key: "ringing"), toRinging, ringing)).Outcome);

        // Twilio delivers the same callback again: a duplicate.
        var again = await ChangeAsync(call, NewEvent(call, "ringing", key: "ringing"), toRinging, NewNotification(call, CallNotificationTypes.Ringing));
        Assert.Equal(CallChangeOutcome.Duplicate, again.Outcome);

        // The decider asks for nothing, whatever notifications it names.
        var nothing = await (await CallsAsync()).ChangeAsync(new CallChange
        {
            TenantId = call.TenantId,
            CallId = call.Id,
            Decide = (_, _) => new CallDecision(null, null) { Notifications = [NewNotification(call, CallNotificationTypes.Ended)] },
        });
        Assert.Equal(CallChangeOutcome.Unchanged, nothing.Outcome);

        // A new call whose SID is another tenant's: nothing for this tenant.
        var intruder = NewCall(NewTenant(), call.TwilioCallSid, T0.AddSeconds(2));
        Assert.Equal(CallChangeOutcome.Unchanged, (await CreateAsync(intruder, NewNotification(intruder))).Outcome);

        // A change the store refuses (the SID of another call): nothing of it is written.
        var other = NewCall(call.TenantId, createdAt: T0.AddSeconds(3));
        await AddCallAsync(other);
        var clash = toRinging with { TwilioCallSid = other.TwilioCallSid };
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => ChangeAsync(call, NewEvent(call, "clash"), clash, NewNotification(call, CallNotificationTypes.Answered)));

        AssertSameNotifications([started, ringing], await (await NotificationsAsync()).ListUndispatchedAsync(50));
    }

    /// <summary>
    /// Concurrent changes of one call, each delivered twice: only the changes saved store notifications. A change a store
    /// answers with a conflict (and the library applies again) leaves none of the attempt's notifications behind.
    /// </summary>
    [SkippableFact]
    public async Task ConcurrentChanges_OnlyTheSavedOnesStoreTheirNotifications()
    {
        var call = NewCall(NewTenant());
        await AddCallAsync(call);
        var calls = await CallsAsync();
        const int Keys = 8;

        // The notifications of the last decision of each change: the one its final outcome is about.
        var last = new ConcurrentDictionary<int, CallNotification>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Keys * 2).Select(i => Task.Run(async () =>
        {
            var change = new CallChange
            {
                TenantId = call.TenantId,
                CallId = call.Id,
                Decide = (current, _) =>
                {
                    if (current is null)
                    {
                        return CallDecision.None;
                    }

                    var next = current with { DurationSeconds = (current.DurationSeconds ?? 0) + 1 };
                    var notification = last[i] = NewNotification(next, CallNotificationTypes.Ringing, T0.AddSeconds(i + 1));
                    return new CallDecision(next, NewEvent(current, "status", key: $"status:{i % Keys}")) { Notifications = [notification] };
                },
            };
            var result = await calls.ChangeAsync(change);
            for (var attempt = 0; result.Outcome == CallChangeOutcome.Conflict && attempt < 20; attempt++)
            {
                result = await calls.ChangeAsync(change);
            }

            return (Change: i, result.Outcome);
        })));

        Assert.Equal(Keys, outcomes.Count(o => o.Outcome == CallChangeOutcome.Saved));
        Assert.Equal(Keys, outcomes.Count(o => o.Outcome == CallChangeOutcome.Duplicate));
        var saved = outcomes.Where(o => o.Outcome == CallChangeOutcome.Saved).Select(o => last[o.Change].Id).Order();
        Assert.Equal(saved, (await (await NotificationsAsync()).ListUndispatchedAsync(100)).Select(n => n.Id).Order());
    }

    /// <summary>Dispatch: creates one pending delivery per target, due at once, and the notification leaves the undispatched.</summary>
    [SkippableFact]
    public async Task Dispatch_CreatesOnePendingDeliveryPerTarget_AndTheNotificationIsNoLongerUndispatched()
    {
        var (call, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        var webhook = NotificationTarget.Webhook(Guid.NewGuid());
        var at = T0.AddSeconds(5);

        await store.DispatchAsync(notification, [Handler, webhook], at);

        Assert.Empty(await store.ListUndispatchedAsync(50));
        var deliveries = await store.ListDeliveriesAsync(call.TenantId, new NotificationDeliveryQuery());
        Assert.Equal(new[] { Handler, webhook }.OrderBy(t => t.Value, StringComparer.Ordinal), deliveries.Select(d => d.Target).OrderBy(t => t.Value, StringComparer.Ordinal));
        Assert.Equal(2, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(
                (NotificationDeliveryState.Pending, 0, (DateTimeOffset?)at, at),
                (d.State, d.Attempts, d.NextAttemptAt, d.CreatedAt));
            Assert.Null(d.LastAttemptAt);
            Assert.Null(d.LastStatusCode);
            Assert.Null(d.LastError);
            Assert.Null(d.DeliveredAt);
            AssertSameNotification(notification, d.Notification);
        });
    }

    /// <summary>Dispatch again: adds only the targets it has no delivery for, and never touches the others.</summary>
    [SkippableFact]
    public async Task DispatchAgain_AddsOnlyTheMissingTargets_AndLeavesTheOthersAsTheyAre()
    {
        var (call, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        var webhook = NotificationTarget.Webhook(Guid.NewGuid());
        await store.DispatchAsync(notification, [Handler], T0.AddSeconds(1));
        var lease = Assert.Single(await ClaimAsync(T0.AddSeconds(1)));
        Assert.True(await store.CompleteDeliveryAsync(lease, Delivered(T0.AddSeconds(2))));

        await store.DispatchAsync(notification, [webhook, Handler], T0.AddSeconds(3));
        await store.DispatchAsync(notification, [webhook, webhook, Handler], T0.AddSeconds(4));

        var deliveries = await store.ListDeliveriesAsync(call.TenantId, new NotificationDeliveryQuery());
        Assert.Equal(2, deliveries.Count);
        var handler = Assert.Single(deliveries, d => d.Target == Handler);
        Assert.Equal((NotificationDeliveryState.Delivered, 1, T0.AddSeconds(1)), (handler.State, handler.Attempts, handler.CreatedAt));
        var added = Assert.Single(deliveries, d => d.Target == webhook);
        Assert.Equal((NotificationDeliveryState.Pending, T0.AddSeconds(3)), (added.State, added.CreatedAt));
    }

    /// <summary>Concurrent dispatches of one notification: still one delivery per target.</summary>
    [SkippableFact]
    public async Task ConcurrentDispatches_OfOneNotification_CreateOneDeliveryPerTarget()
    {
        var (call, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        NotificationTarget[] targets = [Handler, .. Enumerable.Range(0, 3).Select(_ => NotificationTarget.Webhook(Guid.NewGuid()))];

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            store.DispatchAsync(notification, [.. targets.OrderBy(_ => Random.Shared.Next())], T0.AddSeconds(i)))));

        var deliveries = await store.ListDeliveriesAsync(call.TenantId, new NotificationDeliveryQuery());
        Assert.Equal(targets.Select(t => t.Value).Order(StringComparer.Ordinal), deliveries.Select(d => d.Target.Value).Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListUndispatchedAsync(50));
    }

    /// <summary>Dispatch: of a notification the store does not have, does nothing.</summary>
    [SkippableFact]
    public async Task Dispatch_OfANotificationTheStoreDoesNotHave_DoesNothing()
    {
        var (call, stored) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();

        await store.DispatchAsync(NewNotification(call, CallNotificationTypes.Ended), [Handler], T0);

        Assert.Empty(await store.ListDeliveriesAsync(call.TenantId, new NotificationDeliveryQuery()));
        AssertSameNotifications([stored], await store.ListUndispatchedAsync(50));
    }

    /// <summary>Claim: takes due pending deliveries, soonest first, up to the batch size, across tenants; never a delivered or dead one.</summary>
    [SkippableFact]
    public async Task Claim_TakesDuePendingDeliveries_SoonestFirst_UpToTheBatchSize_AcrossTenants()
    {
        var store = await NotificationsAsync();
        var due = new List<NotificationDelivery>();
        foreach (var second in new[] { 3, 1, 2 })
        {
            var (call, notification) = await AddNotifiedCallAsync(NewTenant());
            await store.DispatchAsync(notification, [Handler], T0.AddSeconds(second));
            due.Add(Assert.Single(await store.ListDeliveriesAsync(call.TenantId, new NotificationDeliveryQuery())));
        }

        var (_, later) = await AddNotifiedCallAsync(NewTenant());
        await store.DispatchAsync(later, [Handler], T0.AddSeconds(10));
        var soonest = due.OrderBy(d => d.NextAttemptAt).Select(d => d.Id).ToList();
        var now = T0.AddSeconds(5);

        var first = await ClaimAsync(now, batchSize: 2);
        Assert.Equal(soonest[..2], first.Select(l => l.Delivery.Id));
        Assert.All(first, l =>
        {
            var expected = due.Single(d => d.Id == l.Delivery.Id);
            Assert.Equal((expected.Target, NotificationDeliveryState.Pending, 0, expected.NextAttemptAt), (l.Delivery.Target, l.Delivery.State, l.Delivery.Attempts, l.Delivery.NextAttemptAt));
            AssertSameNotification(expected.Notification, l.Delivery.Notification);
            Assert.NotEqual(Guid.Empty, l.LeaseId);
        });
        Assert.Equal(soonest[2..], (await ClaimAsync(now, batchSize: 2)).Select(l => l.Delivery.Id));
        Assert.Empty(await ClaimAsync(now, batchSize: 2));

        // Once delivered or dead, a delivery is never claimed again; the others are, once their leases expired.
        Assert.True(await store.CompleteDeliveryAsync(first[0], Delivered(now)));
        Assert.True(await store.CompleteDeliveryAsync(first[1], Dead(now)));
        var afterwards = await ClaimAsync(now.AddDays(1));
        Assert.Equal(2, afterwards.Count);
        Assert.DoesNotContain(afterwards, l => soonest[..2].Contains(l.Delivery.Id));
    }

    /// <summary>A live lease: hides the delivery until it expires; then the delivery is claimed again and the stale lease is refused.</summary>
    [SkippableFact]
    public async Task LiveLease_HidesTheDeliveryUntilItExpires_ThenTheStaleLeaseIsRefused()
    {
        var (_, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        await store.DispatchAsync(notification, [Handler], T0);
        var stale = Assert.Single(await ClaimAsync(T0));

        Assert.Empty(await ClaimAsync(T0 + LeaseFor - Tick));
        var current = Assert.Single(await ClaimAsync(T0 + LeaseFor));

        Assert.Equal(stale.Delivery.Id, current.Delivery.Id);
        Assert.NotEqual(stale.LeaseId, current.LeaseId);
        Assert.False(await store.CompleteDeliveryAsync(stale, Delivered(T0 + LeaseFor)));
        Assert.Equal(0, Assert.Single(await store.ListDeliveriesAsync(notification.TenantId, new NotificationDeliveryQuery())).Attempts);
        Assert.True(await store.CompleteDeliveryAsync(current, Delivered(T0 + LeaseFor)));
    }

    /// <summary>Concurrent claims: never hand out one delivery twice.</summary>
    [SkippableFact]
    public async Task ConcurrentClaims_NeverHandOutOneDeliveryTwice()
    {
        var store = await NotificationsAsync();
        for (var i = 0; i < 12; i++)
        {
            var (_, notification) = await AddNotifiedCallAsync(NewTenant());
            await store.DispatchAsync(notification, [Handler, NotificationTarget.Webhook(Guid.NewGuid())], T0.AddSeconds(i));
        }

        var claimed = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (await ClaimAsync(T0.AddMinutes(1), batchSize: 3) is { Count: > 0 } leases)
            {
                mine.AddRange(leases.Select(l => l.Delivery.Id));
            }

            return mine;
        })));

        var all = claimed.SelectMany(ids => ids).ToList();
        Assert.Equal(24, all.Count);
        Assert.Equal(24, all.Distinct().Count());
    }

    /// <summary>Complete: records the attempt (count, state, next time, status, error, delivery time) and ends the lease.</summary>
    [SkippableFact]
    public async Task Complete_RecordsTheAttempt_AndEndsTheLease()
    {
        var (call, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        var webhook = NotificationTarget.Webhook(Guid.NewGuid());
        await store.DispatchAsync(notification, [Handler, webhook], T0);
        var leases = await ClaimAsync(T0);
        var (handler, hook) = (leases.Single(l => l.Delivery.Target == Handler), leases.Single(l => l.Delivery.Target == webhook));

        var retryAt = T0.AddMinutes(1);
        Assert.True(await store.CompleteDeliveryAsync(hook, new NotificationAttempt
        {
            At = T0.AddSeconds(1),
            State = NotificationDeliveryState.Pending,
            NextAttemptAt = retryAt,
            StatusCode = 503,
            Error = "The receiver answered 503 Service Unavailable.",
        }));
        Assert.False(await store.CompleteDeliveryAsync(hook, Delivered(T0.AddSeconds(2))));
        var failed = await DeliveryAsync(call.TenantId, hook.Delivery.Id);
        Assert.Equal(
            (NotificationDeliveryState.Pending, 1, (DateTimeOffset?)retryAt, (DateTimeOffset?)T0.AddSeconds(1), (int?)503, "The receiver answered 503 Service Unavailable.", (DateTimeOffset?)null),
            (failed.State, failed.Attempts, failed.NextAttemptAt, failed.LastAttemptAt, failed.LastStatusCode, failed.LastError, failed.DeliveredAt));

        // The lease ended with the attempt: the retry is due at its time, however long the lease would have lasted.
        Assert.Empty(await ClaimAsync(retryAt - Tick));
        var retry = Assert.Single(await ClaimAsync(retryAt));
        Assert.Equal((1, (DateTimeOffset?)retryAt), (retry.Delivery.Attempts, retry.Delivery.NextAttemptAt));
        Assert.True(await store.CompleteDeliveryAsync(retry, new NotificationAttempt { At = retryAt.AddSeconds(1), State = NotificationDeliveryState.Delivered, StatusCode = 204 }));
        var delivered = await DeliveryAsync(call.TenantId, hook.Delivery.Id);
        Assert.Equal(
            (NotificationDeliveryState.Delivered, 2, (DateTimeOffset?)null, (DateTimeOffset?)retryAt.AddSeconds(1), (int?)204, (string?)null, (DateTimeOffset?)retryAt.AddSeconds(1)),
            (delivered.State, delivered.Attempts, delivered.NextAttemptAt, delivered.LastAttemptAt, delivered.LastStatusCode, delivered.LastError, delivered.DeliveredAt));

        Assert.True(await store.CompleteDeliveryAsync(handler, Dead(T0.AddSeconds(3))));
        var dead = await DeliveryAsync(call.TenantId, handler.Delivery.Id);
        Assert.Equal(
            (NotificationDeliveryState.Dead, 1, (DateTimeOffset?)null, (int?)null, "The handler threw.", (DateTimeOffset?)null),
            (dead.State, dead.Attempts, dead.NextAttemptAt, dead.LastStatusCode, dead.LastError, dead.DeliveredAt));
        Assert.Empty(await ClaimAsync(T0.AddDays(30)));
    }

    /// <summary>List deliveries: the tenant's log only, newest first, filtered by state, target and call, paged by the last id.</summary>
    [SkippableFact]
    public async Task ListDeliveries_IsTheTenantsLog_NewestFirst_Filtered_AndPagedByTheLastId()
    {
        var store = await NotificationsAsync();
        var tenant = NewTenant();
        var webhook = NotificationTarget.Webhook(Guid.NewGuid());
        var (first, n1) = await AddNotifiedCallAsync(tenant, T0);
        var (second, n2) = await AddNotifiedCallAsync(tenant, T0.AddSeconds(1));
        var (other, n3) = await AddNotifiedCallAsync(NewTenant(), T0.AddSeconds(2));
        await store.DispatchAsync(n1, [Handler, webhook], T0.AddSeconds(1));
        await store.DispatchAsync(n2, [Handler, webhook], T0.AddSeconds(2));
        await store.DispatchAsync(n3, [Handler, webhook], T0.AddSeconds(3));
        var delivered = (await ClaimAsync(T0.AddSeconds(3))).Single(l => l.Delivery.Notification.Id == n1.Id && l.Delivery.Target == Handler);
        Assert.True(await store.CompleteDeliveryAsync(delivered, Delivered(T0.AddSeconds(4))));

        var log = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery());
        Assert.Equal(4, log.Count);
        Assert.All(log, d => Assert.Equal(tenant, d.Notification.TenantId));
        Assert.Equal(log.Select(d => d.Id).OrderDescending(), log.Select(d => d.Id));
        Assert.Equal(2, (await store.ListDeliveriesAsync(other.TenantId, new NotificationDeliveryQuery())).Count);
        Assert.Empty(await store.ListDeliveriesAsync(NewTenant(), new NotificationDeliveryQuery()));

        Assert.Equal([delivered.Delivery.Id], Ids(await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { State = NotificationDeliveryState.Delivered })));
        Assert.Equal(3, (await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { State = NotificationDeliveryState.Pending })).Count);
        var toWebhook = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { Target = webhook });
        Assert.Equal([n2.Id, n1.Id], toWebhook.Select(d => d.Notification.Id));
        Assert.All(toWebhook, d => Assert.Equal(webhook, d.Target));
        var ofSecond = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { CallId = second.Id });
        Assert.Equal(2, ofSecond.Count);
        Assert.All(ofSecond, d => Assert.Equal(second.Id, d.Notification.CallId));
        Assert.Empty(await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { CallId = other.Id }));
        var pendingToHandler = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { State = NotificationDeliveryState.Pending, Target = Handler, CallId = second.Id });
        Assert.Equal(n2.Id, Assert.Single(pendingToHandler).Notification.Id);

        // Keyset pages: each starts after the last delivery of the previous one, and together they are the log.
        var page1 = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { Limit = 3 });
        var page2 = await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { Limit = 3, Before = page1[^1].Id });
        Assert.Equal(Ids(log), [.. Ids(page1), .. Ids(page2)]);
        Assert.Empty(await store.ListDeliveriesAsync(tenant, new NotificationDeliveryQuery { Limit = 3, Before = page2[^1].Id }));
        Assert.All(page2, d => Assert.Equal(first.Id, d.Notification.CallId));
    }

    /// <summary>Redeliver: makes the tenant's delivery pending again from zero attempts, whatever its state, and drops its lease.</summary>
    [SkippableFact]
    public async Task Redeliver_MakesTheTenantsDeliveryPendingAgain_FromZeroAttempts_AndDropsItsLease()
    {
        var (call, notification) = await AddNotifiedCallAsync(NewTenant());
        var store = await NotificationsAsync();
        await store.DispatchAsync(notification, [Handler], T0);
        var lease = Assert.Single(await ClaimAsync(T0));
        Assert.True(await store.CompleteDeliveryAsync(lease, Dead(T0.AddSeconds(1))));
        var id = lease.Delivery.Id;

        Assert.Null(await store.RedeliverAsync(NewTenant(), id, T0.AddHours(1)));
        Assert.Null(await store.RedeliverAsync(call.TenantId, Guid.NewGuid(), T0.AddHours(1)));
        Assert.Equal(NotificationDeliveryState.Dead, (await DeliveryAsync(call.TenantId, id)).State);

        var again = (await store.RedeliverAsync(call.TenantId, id, T0.AddHours(1)))!;
        Assert.Equal((id, NotificationDeliveryState.Pending, 0, (DateTimeOffset?)T0.AddHours(1)), (again.Id, again.State, again.Attempts, again.NextAttemptAt));
        AssertSameNotification(notification, again.Notification);
        var stored = await DeliveryAsync(call.TenantId, id);
        Assert.Equal((again.State, again.Attempts, again.NextAttemptAt), (stored.State, stored.Attempts, stored.NextAttemptAt));

        Assert.Empty(await ClaimAsync(T0.AddHours(1) - Tick));
        var claimed = Assert.Single(await ClaimAsync(T0.AddHours(1)));

        // Redelivered while leased: the lease is dropped, so the delivery is due at once and the old lease is refused.
        var soon = T0.AddHours(1).AddSeconds(10);
        Assert.NotNull(await store.RedeliverAsync(call.TenantId, id, soon));
        var reclaimed = Assert.Single(await ClaimAsync(soon));
        Assert.False(await store.CompleteDeliveryAsync(claimed, Delivered(soon)));
        Assert.True(await store.CompleteDeliveryAsync(reclaimed, Delivered(soon)));

        // A delivered one is sent again too.
        Assert.Equal(NotificationDeliveryState.Pending, (await store.RedeliverAsync(call.TenantId, id, soon))!.State);
    }

    /// <summary>Purge: deletes old notifications whose deliveries all ended, with their deliveries, oldest first across tenants; keeps the rest.</summary>
    [SkippableFact]
    public async Task Purge_DeletesOldNotificationsWhoseDeliveriesAllEnded_KeepsTheRest()
    {
        var store = await NotificationsAsync();
        var before = T0.AddDays(7);
        var webhook = NotificationTarget.Webhook(Guid.NewGuid());
        var (_, delivered) = await AddNotifiedCallAsync(NewTenant(), T0);
        var (_, deliveredAndDead) = await AddNotifiedCallAsync(NewTenant(), T0.AddSeconds(1));
        var (pendingCall, pending) = await AddNotifiedCallAsync(NewTenant(), T0.AddSeconds(2));
        var (_, undispatched) = await AddNotifiedCallAsync(NewTenant(), T0.AddSeconds(3));
        var (_, noTargets) = await AddNotifiedCallAsync(NewTenant(), T0.AddSeconds(4));
        var (recentCall, recent) = await AddNotifiedCallAsync(NewTenant(), before);
        await store.DispatchAsync(delivered, [Handler], T0.AddSeconds(5));
        await store.DispatchAsync(deliveredAndDead, [Handler, webhook], T0.AddSeconds(5));
        await store.DispatchAsync(noTargets, [], T0.AddSeconds(5));
        await store.DispatchAsync(recent, [Handler], before);
        foreach (var lease in await ClaimAsync(before))
        {
            var dies = lease.Delivery.Notification.Id == deliveredAndDead.Id && lease.Delivery.Target == webhook;
            Assert.True(await store.CompleteDeliveryAsync(lease, dies ? Dead(before) : Delivered(before)));
        }

        await store.DispatchAsync(pending, [Handler], before);

        Assert.Equal(2, await store.PurgeAsync(before, batchSize: 2));
        Assert.Equal(1, await store.PurgeAsync(before, batchSize: 2));
        Assert.Equal(0, await store.PurgeAsync(before, batchSize: 2));

        Assert.Empty(await store.ListDeliveriesAsync(delivered.TenantId, new NotificationDeliveryQuery()));
        Assert.Empty(await store.ListDeliveriesAsync(deliveredAndDead.TenantId, new NotificationDeliveryQuery()));
        Assert.Single(await store.ListDeliveriesAsync(pendingCall.TenantId, new NotificationDeliveryQuery()));
        Assert.Single(await store.ListDeliveriesAsync(recentCall.TenantId, new NotificationDeliveryQuery()));
        AssertSameNotifications([undispatched], await store.ListUndispatchedAsync(50));

        // What is kept still works: the pending delivery is claimed and delivered.
        Assert.Equal(pending.Id, Assert.Single(await ClaimAsync(before.AddDays(1))).Delivery.Notification.Id);
    }

    private static NotificationAttempt Delivered(DateTimeOffset at) => new() { At = at, State = NotificationDeliveryState.Delivered, StatusCode = 200 };

    private static NotificationAttempt Dead(DateTimeOffset at) => new() { At = at, State = NotificationDeliveryState.Dead, Error = "The handler threw." };

    private static List<Guid> Ids(IReadOnlyList<NotificationDelivery> deliveries) => [.. deliveries.Select(d => d.Id)];

    private static void AssertSameNotifications(IReadOnlyList<CallNotification> expected, IReadOnlyList<CallNotification> actual)
    {
        Assert.Equal(expected.Select(n => n.Id), actual.Select(n => n.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSameNotification(expected[i], actual[i]);
        }
    }

    // Every field, the data compared as JSON (a store may keep it in a JSON column that normalises the text).
    private static void AssertSameNotification(CallNotification expected, CallNotification actual)
    {
        Assert.Equal(
            new { expected.Id, expected.TenantId, expected.CallId, expected.Type, expected.OccurredAt, expected.DataVersion },
            new { actual.Id, actual.TenantId, actual.CallId, actual.Type, actual.OccurredAt, actual.DataVersion });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.Data), JsonNode.Parse(actual.Data)), $"{expected.Data} != {actual.Data}");
        Assert.Equal(expected.GetData(), actual.GetData());
    }

    private async Task<ICallNotificationStore> NotificationsAsync() => (await StoresAsync()).Notifications;

    private async Task<ICallStore> CallsAsync() => (await StoresAsync()).Calls;

    private Task<NotificationStores> StoresAsync() => _stores ??= CreateStoresAsync();

    private async Task<NotificationDelivery> DeliveryAsync(string tenantId, Guid id) =>
        Assert.Single(await (await NotificationsAsync()).ListDeliveriesAsync(tenantId, new NotificationDeliveryQuery()), d => d.Id == id);

    private async Task<IReadOnlyList<NotificationDeliveryLease>> ClaimAsync(DateTimeOffset now, int batchSize = 50) =>
        await (await NotificationsAsync()).ClaimDeliveriesAsync(new NotificationClaimCriteria
        {
            Now = now,
            BatchSize = batchSize,
            Owner = "test-dispatcher",
            LeaseExpiresAt = now + LeaseFor,
        });

    /// <summary>A new call of <paramref name="tenantId"/> stored with one notification (<c>call.started</c> at its creation).</summary>
    private async Task<(Call Call, CallNotification Notification)> AddNotifiedCallAsync(string tenantId, DateTimeOffset? at = null)
    {
        var call = NewCall(tenantId, createdAt: at ?? T0);
        var notification = NewNotification(call);
        await AddCallAsync(call, notification);
        return (call, notification);
    }

    private async Task AddCallAsync(Call call, params CallNotification[] notifications) =>
        Assert.Equal(CallChangeOutcome.Saved, (await CreateAsync(call, notifications)).Outcome);

    private async Task<CallChangeResult> CreateAsync(Call call, params CallNotification[] notifications) =>
        await (await CallsAsync()).ChangeAsync(new CallChange
        {
            TenantId = call.TenantId,
            CallSid = call.TwilioCallSid,
            CallId = call.Id,
            Decide = (current, _) => current is null
                ? new CallDecision(call, NewEvent(call, "outbound-requested")) { Notifications = notifications }
                : CallDecision.None,
        });

    /// <summary>Appends <paramref name="evt"/> to the tenant's call, with <paramref name="next"/> as its next state (or unchanged).</summary>
    private async Task<CallChangeResult> ChangeAsync(Call call, CallEvent evt, Call? next, params CallNotification[] notifications) =>
        await (await CallsAsync()).ChangeAsync(new CallChange
        {
            TenantId = call.TenantId,
            CallId = call.Id,
            Decide = (current, _) => current is null
                ? CallDecision.None
                : new CallDecision(next is null ? current : next with { Version = current.Version }, evt) { Notifications = notifications },
        });

    /// <summary>A handler type, named by <see cref="NotificationTarget.Handler"/>.</summary>
    private sealed class CrmActivityHandler : ICallNotificationHandler
    {
        public Task HandleAsync(CallNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
