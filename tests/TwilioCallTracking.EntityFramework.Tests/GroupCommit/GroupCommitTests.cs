using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.EntityFramework.Tests.GroupCommit;

/// <summary>
/// The EF store's group commit on a real database: changes that queue while the writer is committing share one
/// transaction (on PostgreSQL, one planned write); nobody is answered before that transaction committed; a batch that
/// fails is applied change by change, so only a change that fails alone fails its caller. Each change raises one
/// notification: the outbox holds exactly those of the changes saved, never one of an attempt that was not.
/// </summary>
public abstract class GroupCommitTests : IAsyncLifetime
{
    private const int Changes = 10;
    private readonly TransactionCounter _transactions = new();

    private ServiceProvider _services = null!;
    private ICallStore _store = null!;

    protected ICallStore Store => _store;

    protected ICallNotificationStore Notifications => _services.GetRequiredService<ICallNotificationStore>();

    protected TransactionCounter Transactions => _transactions;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging();
        await AddStoresAsync(services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey), _transactions);
        _services = services.BuildServiceProvider();
        await _services.MigrateCallTrackingDatabaseAsync();
        _store = _services.GetRequiredService<ICallStore>();
    }

    public virtual async Task DisposeAsync() => await _services.DisposeAsync();

    protected abstract Task AddStoresAsync(TwilioCallTrackingBuilder builder, IInterceptor transactions);

    [Fact]
    public async Task ChangesQueuedWhileTheDatabaseIsBusy_CommitTogether_AndNoneIsAnsweredBeforeItsCommit()
    {
        var calls = await SeedAsync();
        var hold = _transactions.HoldNextCommit();
        var changes = calls.Select(call => _store.ChangeAsync(Ringing(call))).ToArray();
        await hold.Reached; // the first change's batch is at its commit: every other change is queued behind it

        Assert.All(changes, change => Assert.False(change.IsCompleted));
        Assert.Equal(0, _transactions.Committed);

        hold.Release();
        var results = await Task.WhenAll(changes);

        Assert.All(results, r => Assert.Equal(CallChangeOutcome.Saved, r.Outcome));
        Assert.InRange(_transactions.Committed, 1, 2);
        foreach (var call in calls)
        {
            Assert.Equal(CallStatus.Ringing, (await _store.FindByIdAsync(call.TenantId, call.Id))!.Status);
            Assert.Equal([CallNotificationTypes.Ringing], (await NotificationsOfAsync(call)).Select(n => n.Type));
        }
    }

    [Fact]
    public async Task ABatchHoldsItsNotificationsUntilItCommits_OnlyThoseOfItsSavedChanges()
    {
        var calls = await SeedAsync();
        var hold = _transactions.HoldNextCommit();
        var first = _store.ChangeAsync(Ringing(calls[0]));
        await hold.Reached;

        // Behind the held change, one batch: every other call's change, and a second copy of each (the same event: duplicates).
        var batch = calls[1..].SelectMany(call => new[] { Ringing(call, "ringing"), Ringing(call, "ringing") }).Select(c => _store.ChangeAsync(c)).ToArray();
        Assert.Empty(await Notifications.ListUndispatchedAsync(100));
        hold.Release();

        Assert.Equal(CallChangeOutcome.Saved, (await first).Outcome);
        var outcomes = (await Task.WhenAll(batch)).Select(r => r.Outcome).ToList();
        Assert.Equal(calls.Length - 1, outcomes.Count(o => o == CallChangeOutcome.Saved));
        Assert.Equal(calls.Length - 1, outcomes.Count(o => o == CallChangeOutcome.Duplicate));
        var stored = await Notifications.ListUndispatchedAsync(100);
        Assert.Equal(calls.Select(c => c.Id).Order(), stored.Select(n => n.CallId).Order());
        Assert.All(stored, n => Assert.Equal(CallNotificationTypes.Ringing, n.Type));
    }

    [Fact]
    public async Task AChangeThatBreaksAUniqueKey_FailsAlone_TheRestOfItsBatchIsSaved()
    {
        var calls = await SeedAsync();
        var taken = calls[0].TwilioCallSid!;
        var hold = _transactions.HoldNextCommit();
        var bad = calls[^1];
        var changes = calls.Select(call => call == bad ? _store.ChangeAsync(StealSid(call, taken)) : _store.ChangeAsync(Ringing(call))).ToArray();
        await hold.Reached; // the first change's batch is at its commit: every other change is queued behind it
        hold.Release();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => changes[^1]);
        Assert.Contains("unique", failure.Message, StringComparison.OrdinalIgnoreCase);
        foreach (var change in changes[..^1])
        {
            Assert.Equal(CallChangeOutcome.Saved, (await change).Outcome);
        }

        var unchanged = (await _store.FindByIdAsync(bad.TenantId, bad.Id))!;
        Assert.Equal(bad.TwilioCallSid, unchanged.TwilioCallSid);
        Assert.Single(await _store.ListEventsAsync(bad.TenantId, bad.Id));
        Assert.Equal(2, (await _store.ListEventsAsync(calls[0].TenantId, calls[0].Id)).Count);
        Assert.Empty(await NotificationsOfAsync(bad));
        Assert.Equal(calls.Length - 1, (await Notifications.ListUndispatchedAsync(100)).Count);
    }

    [Fact]
    public async Task ABatchWhoseCommitFails_IsAppliedChangeByChange_AndLosesNothing()
    {
        var calls = await SeedAsync();
        var hold = _transactions.HoldNextCommit();
        var changes = calls.Select(call => _store.ChangeAsync(Ringing(call))).ToArray();
        await hold.Reached; // the first change's batch is at its commit: every other change is queued behind it
        _transactions.FailCommit(2); // the first is the held one (the first change alone); the second is the batch behind it
        hold.Release();

        var results = await Task.WhenAll(changes);

        Assert.Equal(1, _transactions.Failed);
        Assert.All(results, r => Assert.Equal(CallChangeOutcome.Saved, r.Outcome));
        foreach (var call in calls)
        {
            var events = await _store.ListEventsAsync(call.TenantId, call.Id);
            Assert.Equal(["outbound-requested", "ringing"], events.Select(e => e.EventType).Order());
            Assert.Single(await NotificationsOfAsync(call));
        }
    }

    protected async Task<Call[]> SeedAsync()
    {
        var tenant = NewTenant();
        var calls = new Call[Changes];
        for (var i = 0; i < Changes; i++)
        {
            var call = NewCall(tenant, createdAt: T0.AddSeconds(i));
            calls[i] = (await _store.CreateAsync(call, NewEvent(call, "outbound-requested"))).Call!;
        }

        _transactions.Reset();
        return calls;
    }

    /// <summary>The call's notifications in the outbox (none is dispatched here).</summary>
    protected async Task<List<CallNotification>> NotificationsOfAsync(Call call) =>
        [.. (await Notifications.ListUndispatchedAsync(1000)).Where(n => n.CallId == call.Id)];

    protected static CallChange Ringing(Call call, string? key = null) => To(call, CallStatus.Ringing, "ringing", key);

    /// <summary>The change to <paramref name="status"/>, with its event and one notification (a fresh one each time it is decided).</summary>
    protected static CallChange To(Call call, CallStatus status, string type, string? key = null) => new()
    {
        TenantId = call.TenantId,
        CallSid = call.TwilioCallSid,
        Decide = (current, _) => current is null ? CallDecision.None : Notified(current with { Status = status }, NewEvent(current, type, key)),
    };

    private static CallChange StealSid(Call call, string sid) => new()
    {
        TenantId = call.TenantId,
        CallId = call.Id,
        Decide = (current, _) => current is null ? CallDecision.None : Notified(current with { TwilioCallSid = sid }, NewEvent(current, "stolen")),
    };

    private static CallDecision Notified(Call next, CallEvent evt) => new(next, evt)
    {
        Notifications = [NewNotification(next, evt.EventType == "ringing" ? CallNotificationTypes.Ringing : CallNotificationTypes.Answered, evt.CreatedAt)],
    };

    /// <summary>A commit held until <see cref="Release"/>; <see cref="Reached"/> completes once the commit is waiting.</summary>
    protected sealed class CommitHold
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _release = new(0, 1);

        public Task Reached => _reached.Task;

        public void Release() => _release.Release();

        internal async Task WaitAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            await _release.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Counts committed transactions, and can make one commit of a batch fail.</summary>
    protected sealed class TransactionCounter : DbTransactionInterceptor
    {
        private int _committed;
        private int _failed;
        private int _rolledBack;
        private int _commitsToFail;

        public int Committed => Volatile.Read(ref _committed);

        public int Failed => Volatile.Read(ref _failed);

        public int RolledBack => Volatile.Read(ref _rolledBack);

        /// <summary>The <paramref name="nth"/> commit from now fails (once).</summary>
        public void FailCommit(int nth) => _commitsToFail = nth;

        private CommitHold? _hold;

        /// <summary>The next commit waits until the returned hold is released.</summary>
        public CommitHold HoldNextCommit() => _hold = new CommitHold();

        public void Reset()
        {
            _committed = 0;
            _failed = 0;
        }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                await hold.WaitAsync(cancellationToken);
            }


            if (_commitsToFail > 0 && --_commitsToFail == 0)
            {
                Interlocked.Increment(ref _failed);
                throw new InvalidOperationException("Injected commit failure.");
            }

            return result;
        }

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _rolledBack);
            return Task.CompletedTask;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _committed);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Group commit on a SQLite file.</summary>
public sealed class SqliteGroupCommitTests : GroupCommitTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tct-group-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override Task AddStoresAsync(TwilioCallTrackingBuilder builder, IInterceptor transactions)
    {
        builder.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(_folder, "calls.db")}").AddInterceptors(transactions));
        return Task.CompletedTask;
    }
}

/// <summary>Group commit on PostgreSQL, where a batch of several changes is one planned write.</summary>
public sealed class PostgreSqlGroupCommitTests : GroupCommitTests
{
    private string _connectionString = null!;

    [Fact]
    public async Task APlanThatAnotherHostOvertook_IsRolledBackAndAppliedChangeByChange_LosingNeither()
    {
        var calls = await SeedAsync();
        var (first, contested, last) = (calls[0], calls[1], calls[2]);
        var otherTransactions = new TransactionCounter();
        await using var otherHost = OtherHost(otherTransactions);

        // This host: one change held at its commit, two queued behind it (they will be one planned batch).
        var hold = Transactions.HoldNextCommit();
        var held = Store.ChangeAsync(Ringing(first));
        await hold.Reached;
        var planned = new[] { Store.ChangeAsync(Ringing(contested)), Store.ChangeAsync(Ringing(last)) };

        // The other host changes the contested call and holds its commit (and the row lock) meanwhile.
        var otherHold = otherTransactions.HoldNextCommit();
        var overtaking = otherHost.GetRequiredService<ICallStore>().ChangeAsync(To(contested, CallStatus.InProgress, "in-progress"));
        await otherHold.Reached;
        hold.Release();

        // The plan has read the contested call and now waits for the other host's row lock.
        await Eventually.TrueAsync(() => SessionsWaitingForALock() > 0);
        otherHold.Release();

        Assert.Equal(CallChangeOutcome.Saved, (await overtaking).Outcome);
        Assert.All(await Task.WhenAll([held, .. planned]), r => Assert.Equal(CallChangeOutcome.Saved, r.Outcome));
        Assert.True(Transactions.RolledBack >= 1, "the plan was read before the other host committed, so it must have been rolled back");
        var stored = (await Store.FindByIdAsync(contested.TenantId, contested.Id))!;
        Assert.Equal(3, stored.Version);
        Assert.Equal(CallStatus.Ringing, stored.Status);
        var events = await Store.ListEventsAsync(contested.TenantId, contested.Id);
        Assert.Equal(["in-progress", "outbound-requested", "ringing"], events.Select(e => e.EventType).Order());

        // The rolled-back plan's notifications went with it: one per saved change, the other host's included.
        Assert.Equal(2, (await NotificationsOfAsync(contested)).Count);
        Assert.Single(await NotificationsOfAsync(first));
        Assert.Single(await NotificationsOfAsync(last));
    }

    [Fact]
    public async Task AChangeThatAnotherHostOvertook_IsAConflict_AndLeavesNoNotification()
    {
        var calls = await SeedAsync();
        var contested = calls[0];
        var otherTransactions = new TransactionCounter();
        await using var otherHost = OtherHost(otherTransactions);

        // The other host changes the call and holds its commit (and the row lock); this host's change, alone in its batch,
        // reads the call, adds its event, and waits for the row lock to update it.
        var otherHold = otherTransactions.HoldNextCommit();
        var overtaking = otherHost.GetRequiredService<ICallStore>().ChangeAsync(To(contested, CallStatus.InProgress, "in-progress"));
        await otherHold.Reached;
        var losing = Store.ChangeAsync(Ringing(contested));
        await Eventually.TrueAsync(() => SessionsWaitingForALock() > 0);
        otherHold.Release();

        Assert.Equal(CallChangeOutcome.Saved, (await overtaking).Outcome);
        Assert.Equal(CallChangeOutcome.Conflict, (await losing).Outcome);
        Assert.Equal([CallNotificationTypes.Answered], (await NotificationsOfAsync(contested)).Select(n => n.Type));
        Assert.Equal(["in-progress", "outbound-requested"], (await Store.ListEventsAsync(contested.TenantId, contested.Id)).Select(e => e.EventType).Order());
    }

    private ServiceProvider OtherHost(TransactionCounter transactions)
    {
        var other = new ServiceCollection().AddLogging();
        other.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey)
            .AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(_connectionString).AddInterceptors(transactions));
        return other.BuildServiceProvider();
    }

    private int SessionsWaitingForALock()
    {
        using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task AddStoresAsync(TwilioCallTrackingBuilder builder, IInterceptor transactions)
    {
        _connectionString = await PostgresTests.CreateDatabaseAsync("group");
        builder.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(_connectionString).AddInterceptors(transactions));
    }
}
