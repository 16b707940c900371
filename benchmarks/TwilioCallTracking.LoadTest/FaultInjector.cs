using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TwilioCallTracking.LoadTest;

/// <summary>The database error <see cref="FaultInjector"/> throws (a <see cref="DbException"/>, as a dropped connection would be).</summary>
internal sealed class InjectedDatabaseFault(string message) : DbException(message);

/// <summary>
/// <c>--fail-batches P</c>: makes the database fail a fraction <c>P</c> of the write transactions, seeded. Each COMMIT
/// fails with probability P: half of those before the COMMIT is sent (the transaction is rolled back, nothing is
/// written), half after it succeeded (the app sees an error for a transaction that is in fact committed: the ambiguous
/// case a dropped connection creates). A write statement outside a transaction (the sweeper's claim and release, an
/// <c>ExecuteUpdate</c>) fails before it runs with probability P. Added by the load test's own server setup as an EF
/// Core interceptor; off (<see cref="Armed"/> false) while the load test seeds calls.
/// </summary>
internal sealed class FaultInjector(double probability, int seed) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly Random _random = new(seed);
    private long _beforeCommit;
    private long _afterCommit;
    private long _statements;

    public double Probability { get; } = probability;

    public bool Armed { get; set; } = true;

    public long BeforeCommit => Interlocked.Read(ref _beforeCommit);

    public long AfterCommit => Interlocked.Read(ref _afterCommit);

    public long Statements => Interlocked.Read(ref _statements);

    public override string ToString() =>
        $"injected faults: {BeforeCommit:N0} before COMMIT (rolled back), {AfterCommit:N0} after COMMIT (committed, reported failed), {Statements:N0} autocommit statements";

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        FailBeforeCommit();
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        FailBeforeCommit();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => FailAfterCommit();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        FailAfterCommit();
        return Task.CompletedTask;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        FailStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        FailStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        FailStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        FailStatement(command);
        return ValueTask.FromResult(result);
    }

    private bool Roll()
    {
        if (!Armed || Probability <= 0)
        {
            return false;
        }

        lock (_random)
        {
            return _random.NextDouble() < Probability;
        }
    }

    public void FailBeforeCommit()
    {
        // Half of the failing COMMITs fail here, half in FailAfterCommit: roll P/2 at each.
        if (Armed && Probability > 0 && RollHalf())
        {
            Interlocked.Increment(ref _beforeCommit);
            throw new InjectedDatabaseFault("Injected fault (--fail-batches): the connection broke before COMMIT.");
        }
    }

    public void FailAfterCommit()
    {
        if (Armed && Probability > 0 && RollHalf())
        {
            Interlocked.Increment(ref _afterCommit);
            throw new InjectedDatabaseFault("Injected fault (--fail-batches): the connection broke after COMMIT (the transaction is committed).");
        }
    }

    private bool RollHalf()
    {
        lock (_random)
        {
            return _random.NextDouble() < Probability / 2;
        }
    }

    private void FailStatement(DbCommand command)
    {
        if (command.Transaction is null && IsWrite(command.CommandText) && Roll())
        {
            Interlocked.Increment(ref _statements);
            throw new InjectedDatabaseFault("Injected fault (--fail-batches): the connection broke before a write statement.");
        }
    }

    private static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) && sql.Contains("UPDATE", StringComparison.OrdinalIgnoreCase));
    }
}
