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
        if (options.RowLevelSecurity && CallTrackingProviders.IsPostgreSql(db))
        {
            await RowLevelSecurityScript.ApplyAsync(db, cancellationToken);
        }
    }
}
