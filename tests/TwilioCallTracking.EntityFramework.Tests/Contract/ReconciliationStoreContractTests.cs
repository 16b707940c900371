using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using static TwilioCallTracking.EntityFramework.Tests.Contract.CallData;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>
/// What every <see cref="ICallReconciliationStore"/> must do, run against the in-memory store, SQLite and PostgreSQL.
/// A claim sees every tenant, so each test has a database of its own and can expect exactly which calls come back.
/// </summary>
public abstract class ReconciliationStoreContractTests(StoreHost host) : IAsyncLifetime
{
    private static readonly TimeSpan StaleAfter = SweepSettings.StaleAfter;
    private static readonly TimeSpan PriceDelay = SweepSettings.PriceDelay;
    private static readonly TimeSpan LeaseFor = SweepSettings.LeaseFor;
    private static readonly TimeSpan Tick = TimeSpan.FromMicroseconds(1);

    /// <summary>Three hours after <see cref="CallData.T0"/>: calls created at T0 are stale.</summary>
    private static readonly DateTimeOffset Now = T0.AddHours(3);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => host.DisposeAsync();

    [SkippableFact]
    public async Task NonTerminalCall_IsDueOnceCreatedBeforeTheStaleMark()
    {
        var now = T0 + StaleAfter;
        var atTheMark = await AddAsync(NewCall(NewTenant(), createdAt: T0, configure: c => c.Status = CallStatus.InProgress));
        var justBefore = await AddAsync(NewCall(NewTenant(), createdAt: T0 - Tick, configure: c => c.Status = CallStatus.Ringing));
        var queued = await AddAsync(NewCall(NewTenant(), createdAt: T0.AddSeconds(-1)));
        var initiated = await AddAsync(NewCall(NewTenant(), createdAt: T0.AddSeconds(-2), configure: c => c.Status = CallStatus.Initiated));

        var claimed = await ClaimAsync(now);

        Assert.Equal([initiated.Id, queued.Id, justBefore.Id], Ids(claimed));
        Assert.DoesNotContain(atTheMark.Id, Ids(claimed));
    }

    [SkippableFact]
    public async Task TerminalCallWithoutPrice_IsDueOnceEndedBeforeThePriceMark()
    {
        var now = T0.AddMinutes(30);
        var mark = now - PriceDelay;
        Call Ended(CallStatus status, DateTimeOffset? endedAt, decimal? price = null, int second = 0) =>
            NewCall(NewTenant(), createdAt: T0.AddSeconds(second), configure: c => (c.Status, c.EndedAt, c.Price) = (status, endedAt, price));
        await AddAsync(Ended(CallStatus.Completed, mark));
        var justBefore = await AddAsync(Ended(CallStatus.Completed, mark - Tick, second: 1));
        var busy = await AddAsync(Ended(CallStatus.Busy, T0.AddSeconds(5), second: 2));
        await AddAsync(Ended(CallStatus.Completed, T0.AddSeconds(5), price: -0.013m, second: 3));
        await AddAsync(Ended(CallStatus.NoAnswer, endedAt: null, second: 4));
        await AddAsync(NewCall(NewTenant(), createdAt: T0.AddSeconds(5), configure: c => c.Status = CallStatus.InProgress));

        var claimed = await ClaimAsync(now);

        Assert.Equal([justBefore.Id, busy.Id], Ids(claimed));
    }

    [SkippableFact]
    public async Task CallWithoutCaller_IsDueAtOnce_ButNeverWithoutSid()
    {
        var recordingFirst = await AddAsync(NewCall(NewTenant(), createdAt: Now, configure: c => (c.From, c.Status) = (string.Empty, CallStatus.InProgress)));
        var pricedButCallerUnknown = await AddAsync(NewCall(NewTenant(), createdAt: Now.AddSeconds(1), configure: c =>
            (c.From, c.Status, c.EndedAt, c.Price) = (string.Empty, CallStatus.Completed, Now.AddSeconds(1), -0.01m)));
        await AddAsync(NewCall(NewTenant(), sid: null, createdAt: Now.AddSeconds(2), configure: c => c.From = string.Empty));
        await AddAsync(NewCall(NewTenant(), sid: null, createdAt: T0, configure: c => (c.Status, c.EndedAt) = (CallStatus.Failed, T0)));

        var claimed = await ClaimAsync(Now);

        Assert.Equal([recordingFirst.Id, pricedButCallerUnknown.Id], Ids(claimed));
    }

    [SkippableFact]
    public async Task QueuedCallWithoutSid_IsDueOnceCreatedBeforeTheUnconfirmedMark_ARefusedOneNever()
    {
        var mark = Now - SweepSettings.UnconfirmedAfter;
        var unconfirmed = await AddAsync(NewCall(NewTenant(), sid: null, createdAt: mark - Tick));
        await AddAsync(NewCall(NewTenant(), sid: null, createdAt: mark));
        await AddAsync(NewCall(NewTenant(), sid: null, createdAt: T0, configure: c => (c.Status, c.EndedAt, c.ErrorCode) = (CallStatus.Failed, T0, 21211)));

        var claimed = await ClaimAsync(Now);

        Assert.Equal([unconfirmed.Id], Ids(claimed));
        Assert.Null(Assert.Single(claimed).Call.TwilioCallSid);
    }

    [SkippableFact]
    public async Task CallTriedMaxAttemptsTimes_IsLeftAlone()
    {
        var call = await AddAsync(NewCall(NewTenant()));
        var store = await host.ReconciliationStoreAsync();

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now, maxAttempts: 3)), attempts: 2, Now));
        var third = Assert.Single(await ClaimAsync(Now, maxAttempts: 3));
        Assert.Equal((call.Id, 2), (third.Call.Id, third.Attempts));
        Assert.True(await store.ReleaseAsync(third, attempts: 3, Now));

        Assert.Empty(await ClaimAsync(Now.AddDays(1), maxAttempts: 3));
        Assert.Equal(3, Assert.Single(await ClaimAsync(Now.AddDays(1), maxAttempts: 4)).Attempts);
    }

    [SkippableFact]
    public async Task Claim_TakesTheOldestFirst_UpToTheBatchSize_AcrossTenants()
    {
        var calls = new List<Call>();
        foreach (var second in new[] { 3, 1, 4, 5, 2 })
        {
            calls.Add(await AddAsync(NewCall(NewTenant(), createdAt: T0.AddSeconds(second))));
        }

        var oldest = calls.OrderBy(c => c.CreatedAt).Select(c => c.Id).ToList();

        Assert.Equal(oldest[..2], Ids(await ClaimAsync(Now, batchSize: 2)));
        Assert.Equal(oldest[2..4], Ids(await ClaimAsync(Now, batchSize: 2)));
        Assert.Equal(oldest[4..], Ids(await ClaimAsync(Now, batchSize: 2)));
        Assert.Empty(await ClaimAsync(Now, batchSize: 2));
    }

    [SkippableFact]
    public async Task LiveLease_HidesTheCallFromASecondClaim_UntilItExpires()
    {
        var call = await AddAsync(NewCall(NewTenant()));
        var first = Assert.Single(await ClaimAsync(Now));

        Assert.Empty(await ClaimAsync(Now + LeaseFor - Tick));
        var second = Assert.Single(await ClaimAsync(Now + LeaseFor));

        Assert.Equal((call.Id, 0), (second.Call.Id, second.Attempts));
        Assert.NotEqual(first.LeaseId, second.LeaseId);
    }

    [SkippableFact]
    public async Task Release_WithALeaseThatExpiredAndWasTakenOver_ReturnsFalseAndChangesNothing()
    {
        await AddAsync(NewCall(NewTenant()));
        var store = await host.ReconciliationStoreAsync();
        var stale = Assert.Single(await ClaimAsync(Now));
        var current = Assert.Single(await ClaimAsync(Now + LeaseFor));

        Assert.False(await store.ReleaseAsync(stale, attempts: 1, nextAttemptAt: null));

        // The takeover's lease still holds, and it alone decides what comes next.
        Assert.Empty(await ClaimAsync(Now + LeaseFor + Tick));
        Assert.True(await store.ReleaseAsync(current, attempts: 5, Now.AddHours(1)));
        Assert.False(await store.ReleaseAsync(current, attempts: 6, nextAttemptAt: null));
        Assert.Equal(5, Assert.Single(await ClaimAsync(Now.AddHours(1), maxAttempts: 10)).Attempts);
    }

    [SkippableFact]
    public async Task Release_WithoutANextAttempt_IsNeverDueAgain()
    {
        var call = await AddAsync(NewCall(NewTenant(), configure: c => c.From = string.Empty));
        var store = await host.ReconciliationStoreAsync();

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now)), attempts: 1, nextAttemptAt: null));

        Assert.Empty(await ClaimAsync(Now.AddYears(50), maxAttempts: int.MaxValue));
        Assert.NotNull(await (await host.CallStoreAsync()).FindByIdAsync(call.TenantId, call.Id));
    }

    [SkippableFact]
    public async Task Release_WithATime_IsDueAgainFromThatTimeOn()
    {
        var call = await AddAsync(NewCall(NewTenant(), createdAt: Now, configure: c => c.From = string.Empty));
        var store = await host.ReconciliationStoreAsync();
        var next = Now.AddMinutes(1);

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now)), attempts: 1, next));

        Assert.Empty(await ClaimAsync(next - Tick));
        var again = Assert.Single(await ClaimAsync(next));
        Assert.Equal((call.Id, 1), (again.Call.Id, again.Attempts));
    }

    [SkippableFact]
    public async Task ClaimAndRelease_ReturnTheCallAsStored_AndLeaveTheTenantsDataUntouched()
    {
        var calls = await host.CallStoreAsync();
        var call = await AddAsync(NewCall(NewTenant(), configure: c =>
        {
            c.Status = CallStatus.Completed;
            c.Direction = CallDirection.Inbound;
            c.TwilioDirection = "inbound";
            c.DurationSeconds = 42;
            c.RecordingSid = "RE" + new string('7', 32);
            c.ContactAmbiguous = true;
            c.AnsweredAt = T0.AddSeconds(2);
            c.EndedAt = T0.AddSeconds(44);
            c.UserId = "user-1";
        }));
        var before = (await calls.FindByIdAsync(call.TenantId, call.Id))!;
        var store = await host.ReconciliationStoreAsync();

        var lease = Assert.Single(await ClaimAsync(Now));
        Assert.Equal(Snapshot(before), Snapshot(lease.Call));
        Assert.True(await store.ReleaseAsync(lease, attempts: 1, Now.AddMinutes(1)));

        Assert.Equal(Snapshot(before), Snapshot((await calls.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Equal(Snapshot(before), Snapshot(Assert.Single(await calls.ListAsync(call.TenantId, new CallQuery()))));
        Assert.Single(await calls.ListEventsAsync(call.TenantId, call.Id));
    }

    private static List<Guid> Ids(IReadOnlyList<ReconciliationLease> leases) => [.. leases.Select(l => l.Call.Id)];

    private async Task<Call> AddAsync(Call call)
    {
        var result = await (await host.CallStoreAsync()).CreateAsync(call, NewEvent(call, "outbound-requested"));
        Assert.True(result.Created);
        return result.Call!;
    }

    private async Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(DateTimeOffset now, int batchSize = 50, int maxAttempts = 3) =>
        await (await host.ReconciliationStoreAsync()).ClaimAsync(Sweep(now, batchSize, maxAttempts));
}

/// <summary>The reconciliation contract on the in-memory store (the reference).</summary>
public sealed class InMemoryReconciliationStoreTests() : ReconciliationStoreContractTests(new InMemoryStoreHost());

/// <summary>The reconciliation contract on SQLite.</summary>
public sealed class SqliteReconciliationStoreTests() : ReconciliationStoreContractTests(new SqliteStoreHost());

/// <summary>The reconciliation contract on PostgreSQL.</summary>
public sealed class PostgreSqlReconciliationStoreTests() : ReconciliationStoreContractTests(new PostgreSqlStoreHost());
