using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.EntityFramework.Tests.Contract.CallData;

namespace TwilioCallTracking.EntityFramework.Tests.GroupCommit;

/// <summary>
/// The EF store's group commit on a real SQLite file: changes that queue while the writer is busy share one
/// transaction; nobody is answered before that transaction committed; a batch that fails is applied change by change,
/// so only a change that fails alone fails its caller.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private const int Changes = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("tct-group-").FullName;
    private readonly TransactionCounter _transactions = new();
    private ServiceProvider _services = null!;
    private ICallStore _store = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = $"Data Source={Path.Combine(_folder, "calls.db")}";
        var services = new ServiceCollection().AddLogging();
        services.AddTwilioCallTracking(o => o.EncryptionKey = "group-commit-tests-encryption-key-0123456789")
            .AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(_connectionString).AddInterceptors(_transactions));
        _services = services.BuildServiceProvider();
        await _services.MigrateCallTrackingDatabaseAsync();
        _store = _services.GetRequiredService<ICallStore>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ChangesQueuedWhileTheDatabaseIsBusy_CommitTogether_AndNoneIsAnsweredBeforeItsCommit()
    {
        var calls = await SeedAsync();
        var gate = Gate();
        await gate.WaitAsync();
        var changes = calls.Select(call => _store.ChangeAsync(Ringing(call))).ToArray();
        await Task.Delay(300);

        Assert.All(changes, change => Assert.False(change.IsCompleted));
        Assert.Equal(0, _transactions.Committed);

        gate.Release();
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
        var gate = Gate();
        await gate.WaitAsync();
        var bad = calls[^1];
        var changes = calls.Select(call => call == bad ? _store.ChangeAsync(StealSid(call, taken)) : _store.ChangeAsync(Ringing(call))).ToArray();
        await Task.Delay(300);
        gate.Release();

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
        var gate = Gate();
        await gate.WaitAsync();
        var changes = calls.Select(call => _store.ChangeAsync(Ringing(call))).ToArray();
        await Task.Delay(300);
        _transactions.FailNextCommitOfMoreThan = 1;
        gate.Release();

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

    private SemaphoreSlim Gate()
    {
        using var db = _services.GetRequiredService<IDbContextFactory<SqliteCallTrackingDbContext>>().CreateDbContext();
        return SqliteWriteGate.For(db)!;
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
    private sealed class TransactionCounter : DbTransactionInterceptor, IDbCommandInterceptor
    {
        private int _committed;
        private int _failed;
        private int _writesInTransaction;

        public int Committed => Volatile.Read(ref _committed);

        public int Failed => Volatile.Read(ref _failed);

        /// <summary>The next commit of a transaction that applied more than this many changes fails (once).</summary>
        public int? FailNextCommitOfMoreThan { get; set; }

        public void Reset()
        {
            _committed = 0;
            _failed = 0;
        }

        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writesInTransaction);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            // Each change of these tests writes twice: its event, then its call.
            var writes = Interlocked.Exchange(ref _writesInTransaction, 0);
            if (FailNextCommitOfMoreThan is { } threshold && writes > threshold * 2)
            {
                FailNextCommitOfMoreThan = null;
                Interlocked.Increment(ref _failed);
                throw new InvalidOperationException("Injected commit failure.");
            }

            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _committed);
            return Task.CompletedTask;
        }
    }
}
