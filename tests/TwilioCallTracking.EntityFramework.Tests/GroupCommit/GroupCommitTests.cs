using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.EntityFramework.Tests.Contract.CallData;

namespace TwilioCallTracking.EntityFramework.Tests.GroupCommit;

/// <summary>
/// The EF store's group commit on a real database: changes that queue while the writer is committing share one
/// transaction (on PostgreSQL, one planned write); nobody is answered before that transaction committed; a batch that
/// fails is applied change by change, so only a change that fails alone fails its caller.
/// </summary>
public abstract class GroupCommitTests : IAsyncLifetime
{
    private const int Changes = 10;
    private readonly TransactionCounter _transactions = new();
    private ServiceProvider _services = null!;
    private ICallStore _store = null!;

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
        await Task.Delay(300);

        Assert.All(changes, change => Assert.False(change.IsCompleted));
        Assert.Equal(0, _transactions.Committed);

        hold.Release();
        var results = await Task.WhenAll(changes);

        Assert.All(results, r => Assert.Equal(CallChangeOutcome.Saved, r.Outcome));
        Assert.InRange(_transactions.Committed, 1, 2);
        foreach (var call in calls)
        {
            Assert.Equal(CallStatus.Ringing, (await _store.FindByIdAsync(call.TenantId, call.Id))!.Status);
        }
    }

    [Fact]
    public async Task AChangeThatBreaksAUniqueKey_FailsAlone_TheRestOfItsBatchIsSaved()
    {
        var calls = await SeedAsync();
        var taken = calls[0].TwilioCallSid!;
        var hold = _transactions.HoldNextCommit();
        var bad = calls[^1];
        var changes = calls.Select(call => call == bad ? _store.ChangeAsync(StealSid(call, taken)) : _store.ChangeAsync(Ringing(call))).ToArray();
        await Task.Delay(300);
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
    }

    [Fact]
    public async Task ABatchWhoseCommitFails_IsAppliedChangeByChange_AndLosesNothing()
    {
        var calls = await SeedAsync();
        var hold = _transactions.HoldNextCommit();
        var changes = calls.Select(call => _store.ChangeAsync(Ringing(call))).ToArray();
        await Task.Delay(300);
        _transactions.FailCommit(2); // the first is the held one (the first change alone); the second is the batch behind it
        hold.Release();

        var results = await Task.WhenAll(changes);

        Assert.Equal(1, _transactions.Failed);
        Assert.All(results, r => Assert.Equal(CallChangeOutcome.Saved, r.Outcome));
        foreach (var call in calls)
        {
            var events = await _store.ListEventsAsync(call.TenantId, call.Id);
            Assert.Equal(["outbound-requested", "ringing"], events.Select(e => e.EventType).Order());
        }
    }

    private async Task<Call[]> SeedAsync()
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

    private static CallChange Ringing(Call call) => new()
    {
        TenantId = call.TenantId,
        CallSid = call.TwilioCallSid,
        Decide = (current, _) => current is null ? CallDecision.None : new CallDecision(current with { Status = CallStatus.Ringing }, NewEvent(current, "ringing")),
    };

    private static CallChange StealSid(Call call, string sid) => new()
    {
        TenantId = call.TenantId,
        CallId = call.Id,
        Decide = (current, _) => current is null ? CallDecision.None : new CallDecision(current with { TwilioCallSid = sid }, NewEvent(current, "stolen")),
    };

    /// <summary>Counts committed transactions, and can make one commit of a batch fail.</summary>
    private sealed class TransactionCounter : DbTransactionInterceptor
    {
        private int _committed;
        private int _failed;
        private int _commitsToFail;

        public int Committed => Volatile.Read(ref _committed);

        public int Failed => Volatile.Read(ref _failed);

        /// <summary>The <paramref name="nth"/> commit from now fails (once).</summary>
        public void FailCommit(int nth) => _commitsToFail = nth;

        private SemaphoreSlim? _hold;

        /// <summary>The next commit waits until the returned semaphore is released.</summary>
        public SemaphoreSlim HoldNextCommit() => _hold = new SemaphoreSlim(0, 1);

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
    protected override async Task AddStoresAsync(TwilioCallTrackingBuilder builder, IInterceptor transactions)
    {
        var connectionString = await PostgresTests.CreateDatabaseAsync("group");
        builder.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString).AddInterceptors(transactions));
    }
}
