using TwilioCallTracking.EntityFramework;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Applies the call tracking migrations when the application starts.</summary>
public static class CallTrackingDatabaseServiceProviderExtensions
{
    /// <summary>
    /// Applies the pending migrations of the context registered by <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>
    /// (creating the database if needed), then, on PostgreSQL, enables row-level security on its tables (see
    /// <see cref="CallTrackingMigrationOptions.RowLevelSecurity"/>): <c>await app.Services.MigrateCallTrackingDatabaseAsync();</c>
    /// before <c>app.Run()</c>. Safe when several hosts start at once: EF Core takes a migration lock, and the
    /// row-level-security script runs in one transaction.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">
    /// Changes what is done besides the migrations: <c>MigrateCallTrackingDatabaseAsync(o =&gt; o.RowLevelSecurity = false)</c>
    /// leaves PostgreSQL's row-level security to you.
    /// </param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    public static Task MigrateCallTrackingDatabaseAsync(
        this IServiceProvider services, Action<CallTrackingMigrationOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetService<CallTrackingDatabase>() ?? throw new InvalidOperationException(
            "No call tracking database is registered: call services.AddTwilioCallTracking().AddEntityFrameworkStores<TContext>() first.");
        var options = new CallTrackingMigrationOptions();
        configure?.Invoke(options);
        return database.MigrateAsync(services, options, cancellationToken);
    }
}
