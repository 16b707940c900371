using TwilioCallTracking.EntityFramework;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Applies the call tracking migrations when the application starts.</summary>
public static class CallTrackingDatabaseServiceProviderExtensions
{
    /// <summary>
    /// Applies the pending migrations of the context registered by <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>
    /// (creating the database if needed): <c>await app.Services.MigrateCallTrackingDatabaseAsync();</c> before
    /// <c>app.Run()</c>. Safe when several hosts start at once: EF Core takes a migration lock.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    public static Task MigrateCallTrackingDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetService<CallTrackingDatabase>() ?? throw new InvalidOperationException(
            "No call tracking database is registered: call services.AddTwilioCallTracking().AddEntityFrameworkStores<TContext>() first.");
        return database.MigrateAsync(services, cancellationToken);
    }
}
