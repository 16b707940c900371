using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// <see cref="CallTrackingHealthChecks.Database"/> for the EF Core stores: reads at most one call id from the calls
/// table (what every webhook needs: the database reachable, its file readable, the schema migrated), on SQLite inside a
/// write transaction it rolls back (the file not locked by another writer), bounded by <see cref="CallTrackingHealthCheckOptions.DatabaseTimeout"/>. The description names the exception's type,
/// never the connection string.
/// </summary>
/// <param name="services">Where the context factory is found.</param>
/// <param name="options">The timeout.</param>
/// <param name="time">The clock the timeout runs on.</param>
internal sealed class CallTrackingDatabaseHealthCheck<TContext>(IServiceProvider services, IOptions<CallTrackingHealthCheckOptions> options, TimeProvider time) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timeout = options.Value.DatabaseTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var probe = ProbeAsync(timeout, linked.Token);
        try
        {
            // A provider that does not observe the token (a SQLite busy wait) is not waited for past the timeout either.
            await probe.WaitAsync(timeout, time, cancellationToken);
            return HealthCheckResult.Healthy("The call tracking database answered.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _ = probe.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var why = ex is TimeoutException or OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"did not answer within {timeout.TotalSeconds:0.#} s")
                : $"failed ({ex.GetType().Name})";
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"The call tracking database {why}: check that it is running, reachable, migrated and not locked.", ex);
        }
    }

    private async Task ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var factory = TwilioCallTrackingEntityFrameworkBuilderExtensions.FactoryOf<TContext>(services);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)));
        if (!string.Equals(db.Database.ProviderName, CallTrackingProviders.Sqlite, StringComparison.Ordinal))
        {
            await ReadOneCallIdAsync(db, cancellationToken);
            return;
        }

        // SQLite (in WAL mode) reads on while another connection holds the file for writing, and every webhook waits:
        // the check takes the write lock as a webhook does (BEGIN IMMEDIATE, bounded by the command timeout), writes
        // nothing and rolls back.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE", cancellationToken);
            try
            {
                await ReadOneCallIdAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("ROLLBACK", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // No tenant: with row-level security it sees no row, which is enough; the table must still be there and readable.
    private static Task<List<Guid>> ReadOneCallIdAsync(TContext db, CancellationToken cancellationToken) =>
        db.Set<Call>().AsNoTracking().IgnoreQueryFilters().Select(call => call.Id).Take(1).ToListAsync(cancellationToken);
}
