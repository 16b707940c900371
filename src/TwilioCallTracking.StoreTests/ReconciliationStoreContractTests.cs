using Xunit;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What every <see cref="ICallReconciliationStore"/> must do. A claim sees every tenant, so each test needs stores of its
/// own, empty, and can then expect exactly which calls come back: <see cref="CreateStoresAsync"/> is asked once per test
/// (a new database, or a new schema, each time); drop it in <see cref="DisposeAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyReconciliationStoreTests : ReconciliationStoreContractTests
/// {
///     private readonly MyDatabase _database = new();   // a fresh, empty database
///
///     protected override async Task&lt;ReconciliationStores&gt; CreateStoresAsync()
///     {
///         await _database.CreateAsync();
///         return new ReconciliationStores(new MyCallStore(_database.ConnectionString), new MyReconciliationStore(_database.ConnectionString));
///     }
///
///     public override Task DisposeAsync() =&gt; _database.DropAsync();
/// }
/// </code>
/// </example>
public abstract class ReconciliationStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan StaleAfter = SweepSettings.StaleAfter;
    private static readonly TimeSpan PriceDelay = SweepSettings.PriceDelay;
    private static readonly TimeSpan LeaseFor = SweepSettings.LeaseFor;
    private static readonly TimeSpan Tick = TimeSpan.FromMicroseconds(1);

    /// <summary>Three hours after <see cref="StoreTestData.T0"/>: calls created at T0 are stale.</summary>
    private static readonly DateTimeOffset Now = T0.AddHours(3);

    private Task<ReconciliationStores>? _stores;

    /// <summary>
    /// A call store and the reconciliation store under test over the same, empty data, for this test only. Throw
    /// <c>Xunit.SkipException</c> (<c>Skip.If</c>) when the database is not available here to skip the test.
    /// </summary>
    protected abstract Task<ReconciliationStores> CreateStoresAsync();

    /// <summary>Runs before each test; nothing by default.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Runs after each test: override it to drop what <see cref="CreateStoresAsync"/> created.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Non terminal call: is due once created before the stale mark.</summary>
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

    /// <summary>Terminal call without price: is due once ended before the price mark.</summary>
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

    /// <summary>Call without caller, is due at once: but never without SID.</summary>
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

    /// <summary>Queued call without SID, is due once created before the unconfirmed mark: a refused one never.</summary>
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

    /// <summary>Call tried max attempts times: is left alone.</summary>
    [SkippableFact]
    public async Task CallTriedMaxAttemptsTimes_IsLeftAlone()
    {
        var call = await AddAsync(NewCall(NewTenant()));
        var store = await ReconciliationAsync();

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now, maxAttempts: 3)), attempts: 2, Now));
        var third = Assert.Single(await ClaimAsync(Now, maxAttempts: 3));
        Assert.Equal((call.Id, 2), (third.Call.Id, third.Attempts));
        Assert.True(await store.ReleaseAsync(third, attempts: 3, Now));

        Assert.Empty(await ClaimAsync(Now.AddDays(1), maxAttempts: 3));
        Assert.Equal(3, Assert.Single(await ClaimAsync(Now.AddDays(1), maxAttempts: 4)).Attempts);
    }

    /// <summary>Claim, takes the oldest first: up to the batch size, across tenants.</summary>
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

    /// <summary>Live lease, hides the call from a second claim: until it expires.</summary>
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

    /// <summary>Release, with a lease that expired and was taken over: returns false and changes nothing.</summary>
    [SkippableFact]
    public async Task Release_WithALeaseThatExpiredAndWasTakenOver_ReturnsFalseAndChangesNothing()
    {
        await AddAsync(NewCall(NewTenant()));
        var store = await ReconciliationAsync();
        var stale = Assert.Single(await ClaimAsync(Now));
        var current = Assert.Single(await ClaimAsync(Now + LeaseFor));

        Assert.False(await store.ReleaseAsync(stale, attempts: 1, nextAttemptAt: null));

        // The takeover's lease still holds, and it alone decides what comes next.
        Assert.Empty(await ClaimAsync(Now + LeaseFor + Tick));
        Assert.True(await store.ReleaseAsync(current, attempts: 5, Now.AddHours(1)));
        Assert.False(await store.ReleaseAsync(current, attempts: 6, nextAttemptAt: null));
        Assert.Equal(5, Assert.Single(await ClaimAsync(Now.AddHours(1), maxAttempts: 10)).Attempts);
    }

    /// <summary>Release, without a next attempt: is never due again.</summary>
    [SkippableFact]
    public async Task Release_WithoutANextAttempt_IsNeverDueAgain()
    {
        var call = await AddAsync(NewCall(NewTenant(), configure: c => c.From = string.Empty));
        var store = await ReconciliationAsync();

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now)), attempts: 1, nextAttemptAt: null));

        Assert.Empty(await ClaimAsync(Now.AddYears(50), maxAttempts: int.MaxValue));
        Assert.NotNull(await (await CallsAsync()).FindByIdAsync(call.TenantId, call.Id));
    }

    /// <summary>Release, with a time: is due again from that time on.</summary>
    [SkippableFact]
    public async Task Release_WithATime_IsDueAgainFromThatTimeOn()
    {
        var call = await AddAsync(NewCall(NewTenant(), createdAt: Now, configure: c => c.From = string.Empty));
        var store = await ReconciliationAsync();
        var next = Now.AddMinutes(1);

        Assert.True(await store.ReleaseAsync(Assert.Single(await ClaimAsync(Now)), attempts: 1, next));

        Assert.Empty(await ClaimAsync(next - Tick));
        var again = Assert.Single(await ClaimAsync(next));
        Assert.Equal((call.Id, 1), (again.Call.Id, again.Attempts));
    }

    /// <summary>Claim and release, return the call as stored: and leave the tenants data untouched.</summary>
    [SkippableFact]
    public async Task ClaimAndRelease_ReturnTheCallAsStored_AndLeaveTheTenantsDataUntouched()
    {
        var calls = await CallsAsync();
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
        var store = await ReconciliationAsync();

        var lease = Assert.Single(await ClaimAsync(Now));
        Assert.Equal(Snapshot(before), Snapshot(lease.Call));
        Assert.True(await store.ReleaseAsync(lease, attempts: 1, Now.AddMinutes(1)));

        Assert.Equal(Snapshot(before), Snapshot((await calls.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Equal(Snapshot(before), Snapshot(Assert.Single(await calls.ListAsync(call.TenantId, new CallQuery()))));
        Assert.Single(await calls.ListEventsAsync(call.TenantId, call.Id));
    }

    private async Task<ICallReconciliationStore> ReconciliationAsync() => (await StoresAsync()).Reconciliation;

    private async Task<ICallStore> CallsAsync() => (await StoresAsync()).Calls;

    private Task<ReconciliationStores> StoresAsync() => _stores ??= CreateStoresAsync();

    private static List<Guid> Ids(IReadOnlyList<ReconciliationLease> leases) => [.. leases.Select(l => l.Call.Id)];

    private async Task<Call> AddAsync(Call call)
    {
        var result = await (await CallsAsync()).CreateAsync(call, NewEvent(call, "outbound-requested"));
        Assert.True(result.Created);
        return result.Call!;
    }

    private async Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(DateTimeOffset now, int batchSize = 50, int maxAttempts = 3) =>
        await (await ReconciliationAsync()).ClaimAsync(Sweep(now, batchSize, maxAttempts));
}
