using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.EntityFramework.Sqlite;

namespace TwilioCallTracking.EntityFramework.Tests.Databases;

/// <summary>The EF Core stores on a real SQLite database file (WAL, several pooled connections), migrated at start.</summary>
public sealed class SqliteStoreHost : StoreHost
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tct-sqlite-").FullName;

    /// <summary>The database file's connection string.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_folder, "calls.db")}";

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <inheritdoc/>
    protected override Task AddStoresAsync(TwilioCallTrackingBuilder builder)
    {
        builder.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(ConnectionString));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task MigrateAsync(IServiceProvider services) => services.MigrateCallTrackingDatabaseAsync();
}
