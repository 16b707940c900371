using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Remembers which DbContext holds the call tracking tables, for <c>MigrateCallTrackingDatabaseAsync</c>.</summary>
internal abstract class CallTrackingDatabase
{
    public abstract Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <inheritdoc/>
internal sealed class CallTrackingDatabase<TContext> : CallTrackingDatabase
    where TContext : DbContext
{
    public override async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
