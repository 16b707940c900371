using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>A context on a provider the stores were not written for is refused when the host starts, with what to install.</summary>
public sealed class CallTrackingProviderCheckTests
{
    [Fact]
    public async Task InMemoryProvider_StopsTheHostAtStart_NamingTheSupportedProvidersAndPackages()
    {
        using var host = Host(stores => stores.AddEntityFrameworkStores<CallTrackingDbContext>(db => db.UseInMemoryDatabase("unsupported")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("support SQLite and PostgreSQL only", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallTrackingDbContext uses the EF Core provider 'Microsoft.EntityFrameworkCore.InMemory'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TwilioCallTracking.EntityFramework.Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("TwilioCallTracking.EntityFramework.PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryProvider_NeverGivesAStore_NorMigrates()
    {
        using var host = Host(stores => stores.AddEntityFrameworkStores<CallTrackingDbContext>(db => db.UseInMemoryDatabase("unsupported")));

        // Without a host start (a plain service provider), the first resolution refuses, and so does the migration.
        Assert.Contains("support SQLite and PostgreSQL only", Assert.Throws<InvalidOperationException>(
            () => host.Services.GetRequiredService<ICallStore>()).Message, StringComparison.Ordinal);
        Assert.Contains("support SQLite and PostgreSQL only", (await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Services.MigrateCallTrackingDatabaseAsync())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoContextFactory_StopsTheHostAtStart()
    {
        using var host = Host(stores => stores.AddEntityFrameworkStores<SqliteCallTrackingDbContext>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AddPooledDbContextFactory<SqliteCallTrackingDbContext>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_StartsTheHost()
    {
        using var host = Host(stores => stores.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite("Data Source=:memory:")));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.Sqlite", true)]
    [InlineData("Npgsql.EntityFrameworkCore.PostgreSQL", true)]
    [InlineData("Microsoft.EntityFrameworkCore.SqlServer", false)]
    [InlineData("Pomelo.EntityFrameworkCore.MySql", false)]
    [InlineData("Microsoft.EntityFrameworkCore.InMemory", false)]
    [InlineData(null, false)]
    public void Problem_IsNullExactlyForSqliteAndPostgreSql(string? providerName, bool supported)
    {
        var problem = CallTrackingProviders.Problem(typeof(CallTrackingDbContext), providerName);

        Assert.Equal(supported, problem is null);
    }

    private static IHost Host(Action<TwilioCallTrackingBuilder> addStores)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var tracking = builder.Services.AddTwilioCallTracking(options =>
        {
            options.EncryptionKey = TestKeys.EncryptionKey;
            options.PublicBaseUrl = new Uri("https://crm.example.com");
        });
        addStores(tracking);
        // The sweeper would start claiming: this class only looks at start-up.
        builder.Services.Configure<ReconciliationOptions>(o => o.Enabled = false);
        return builder.Build();
    }
}
