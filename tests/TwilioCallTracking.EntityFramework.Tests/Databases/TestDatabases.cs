using Microsoft.EntityFrameworkCore;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Databases;

/// <summary>Fresh, empty databases of both providers, and context factories over them.</summary>
internal static class TestDatabases
{
    /// <summary>A new SQLite file in a temporary folder (deleted with the folder by the OS's temp cleanup).</summary>
    public static string NewSqlite() =>
        $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("tct-sqlite-").FullName, "calls.db")};Pooling=False";

    /// <summary>A new database in the shared PostgreSQL cluster (skips outside CI when there is none).</summary>
    public static Task<string> NewPostgreSqlAsync() => PostgresTests.CreateDatabaseAsync("ef");

    public static DbContextOptions<TContext> Sqlite<TContext>(string connectionString)
        where TContext : DbContext => new DbContextOptionsBuilder<TContext>().UseSqlite(connectionString).Options;

    public static DbContextOptions<TContext> PostgreSql<TContext>(string connectionString, Action<DbContextOptionsBuilder<TContext>>? configure = null)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString);
        configure?.Invoke(builder);
        return builder.Options;
    }

    /// <summary>A call store over contexts made by <paramref name="create"/>.</summary>
    public static EntityFrameworkCallStore<TContext> CallStore<TContext>(Func<TContext> create)
        where TContext : DbContext => new(new Factory<TContext>(create));

    /// <summary>A reconciliation store over contexts made by <paramref name="create"/>.</summary>
    public static EntityFrameworkCallReconciliationStore<TContext> ReconciliationStore<TContext>(Func<TContext> create)
        where TContext : DbContext => new(new Factory<TContext>(create));

    /// <summary>A notification store (the outbox) over contexts made by <paramref name="create"/>.</summary>
    public static EntityFrameworkCallNotificationStore<TContext> NotificationStore<TContext>(Func<TContext> create)
        where TContext : DbContext => new(new Factory<TContext>(create));

    /// <summary>A webhook subscription store over contexts made by <paramref name="create"/>.</summary>
    public static EntityFrameworkWebhookSubscriptionStore<TContext> SubscriptionStore<TContext>(Func<TContext> create)
        where TContext : DbContext => new(new Factory<TContext>(create));

    /// <summary>A configuration store over contexts made by <paramref name="create"/>.</summary>
    public static EntityFrameworkTwilioConfigurationStore<TContext> ConfigurationStore<TContext>(Func<TContext> create)
        where TContext : DbContext => new(new Factory<TContext>(create));

    private sealed class Factory<TContext>(Func<TContext> create) : IDbContextFactory<TContext>
        where TContext : DbContext
    {
        public TContext CreateDbContext() => create();
    }
}
