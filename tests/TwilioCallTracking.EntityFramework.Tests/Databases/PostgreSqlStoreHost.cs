using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Databases;

/// <summary>
/// The EF Core stores on a fresh database of the throwaway PostgreSQL cluster, migrated at start. Skips its tests when
/// PostgreSQL cannot start outside CI; fails them in CI.
/// </summary>
public sealed class PostgreSqlStoreHost : StoreHost
{
    /// <summary>The database's connection string, once started.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc/>
    protected override async Task AddStoresAsync(TwilioCallTrackingBuilder builder)
    {
        ConnectionString = await PostgresTests.CreateDatabaseAsync("stores");
        builder.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(ConnectionString));
    }

    /// <inheritdoc/>
    protected override Task MigrateAsync(IServiceProvider services) => services.MigrateCallTrackingDatabaseAsync();
}
