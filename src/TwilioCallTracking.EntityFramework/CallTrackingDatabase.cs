using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Remembers which DbContext holds the call tracking tables, for <c>MigrateCallTrackingDatabaseAsync</c>.</summary>
internal abstract class CallTrackingDatabase
{
    public abstract Task MigrateAsync(IServiceProvider services, CallTrackingMigrationOptions options, CancellationToken cancellationToken);
}

/// <inheritdoc/>
internal sealed class CallTrackingDatabase<TContext> : CallTrackingDatabase
    where TContext : DbContext
{
    public override async Task MigrateAsync(IServiceProvider services, CallTrackingMigrationOptions options, CancellationToken cancellationToken)
    {
        // Refused before any DDL runs: a shipped migration applied through another provider would leave half a schema.
        var factory = TwilioCallTrackingEntityFrameworkBuilderExtensions.FactoryOf<TContext>(services);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (CallTrackingProviders.IsSqlite(db))
        {
            // EF Core turns WAL on only when it creates the file; a file something opened first (a store read by a host
            // started before it migrates) would stay in rollback-journal mode, where one writer blocks every reader.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", cancellationToken);
        }

        if (options.RowLevelSecurity && CallTrackingProviders.IsPostgreSql(db))
        {
            await RowLevelSecurityScript.ApplyAsync(db, cancellationToken);
        }
    }
}
