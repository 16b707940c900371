using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.HealthChecks;

/// <summary>
/// The database health check of <c>AddHealthChecks().AddTwilioCallTracking()</c> in a real host on a real database:
/// Healthy on a migrated SQLite file or PostgreSQL database; Unhealthy on a SQLite file another connection holds
/// exclusively, a file that is not a database, a database never migrated, and a PostgreSQL server that does not answer.
/// </summary>
public sealed class CallTrackingDatabaseHealthCheckTests
{
    [Fact]
    public async Task MigratedSqliteFile_IsHealthy_LockedByAnotherConnection_IsUnhealthy_ThenHealthyAgain()
    {
        var connectionString = TestDatabases.NewSqlite();
        using var host = await StartSqliteAsync(connectionString, migrate: true);
        Assert.Equal(HealthStatus.Healthy, (await DatabaseAsync(host)).Status);

        await using (var locker = new SqliteConnection(connectionString))
        {
            await locker.OpenAsync();
            await using var exclusive = locker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync();

            var locked = await DatabaseAsync(host);

            Assert.Equal(HealthStatus.Unhealthy, locked.Status);
            Assert.DoesNotContain(connectionString, locked.Description, StringComparison.Ordinal);
        }

        Assert.Equal(HealthStatus.Healthy, (await DatabaseAsync(host)).Status);
    }

    [Fact]
    public async Task SqliteFileThatIsNotADatabase_IsUnhealthy()
    {
        var connectionString = TestDatabases.NewSqlite();
        await File.WriteAllTextAsync(new SqliteConnectionStringBuilder(connectionString).DataSource, new string('x', 4096));
        using var host = await StartSqliteAsync(connectionString, migrate: false);

        var entry = await DatabaseAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<SqliteException>(entry.Exception);
    }

    [Fact]
    public async Task SqliteDatabaseNeverMigrated_IsUnhealthy()
    {
        using var host = await StartSqliteAsync(TestDatabases.NewSqlite(), migrate: false);

        Assert.Equal(HealthStatus.Unhealthy, (await DatabaseAsync(host)).Status);
    }

    [SkippableFact]
    public async Task MigratedPostgreSqlDatabase_IsHealthy()
    {
        var connectionString = await TestDatabases.NewPostgreSqlAsync();
        using var host = await StartAsync(t => t.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString)), migrate: true);

        Assert.Equal(HealthStatus.Healthy, (await DatabaseAsync(host)).Status);
    }

    [Fact]
    public async Task PostgreSqlServerThatDoesNotAnswer_IsUnhealthy_WithoutThePassword()
    {
        // A loopback port nothing listens on: the server is down.
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = ClosedPort(), Database = "calls", Username = "crm", Password = "secret-password-of-the-crm", Timeout = 3,
        }.ConnectionString;
        using var host = await StartAsync(t => t.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString)), migrate: false);

        var entry = await DatabaseAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.DoesNotContain("secret-password-of-the-crm", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryStores_AreHealthy()
    {
        using var host = await StartAsync(_ => { }, migrate: false);

        Assert.Equal(HealthStatus.Healthy, (await DatabaseAsync(host)).Status);
    }

    private static Task<IHost> StartSqliteAsync(string connectionString, bool migrate) =>
        StartAsync(t => t.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString)), migrate);

    private static async Task<IHost> StartAsync(Action<TwilioCallTrackingBuilder> stores, bool migrate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        stores(builder.Services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = TestKeys.EncryptionKey;
            o.Reconciliation.Enabled = false;
        }));
        builder.Services.AddHealthChecks().AddTwilioCallTracking(o => o.DatabaseTimeout = TimeSpan.FromSeconds(2));
        var host = builder.Build();
        if (migrate)
        {
            await host.Services.MigrateCallTrackingDatabaseAsync();
        }

        // Started as an app is: a database it cannot read is logged at start (the auth token upgrade) and the app runs on.
        await host.StartAsync();
        return host;
    }

    private static async Task<HealthReportEntry> DatabaseAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == CallTrackingHealthChecks.Database);
        return report.Entries[CallTrackingHealthChecks.Database];
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
