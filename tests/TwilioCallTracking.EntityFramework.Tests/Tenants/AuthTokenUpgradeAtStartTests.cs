using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Contract;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Tenants;

/// <summary>
/// A real host on a real database: auth tokens a previous version stored (v1, bound to no tenant) are rewritten as v2
/// for their own tenant and account while the host starts, through the EF Core store.
/// </summary>
public sealed class AuthTokenUpgradeAtStartTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task V1RowsInTheDatabase_AreRewrittenWhileTheHostStarts_AndThenOpenForTheirTenantOnly(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var tracking = builder.Services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey);
        if (database == "sqlite")
        {
            var connectionString = TestDatabases.NewSqlite();
            tracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString));
        }
        else
        {
            var connectionString = await TestDatabases.NewPostgreSqlAsync();
            tracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
        }

        using var host = builder.Build();
        await host.Services.MigrateCallTrackingDatabaseAsync();
        var store = host.Services.GetRequiredService<ITwilioConfigurationStore>();
        var tenants = new[] { (TestTenants.A, LegacyAuthTokens.TenantAUnderCurrentKey), (TestTenants.B, LegacyAuthTokens.TenantBUnderCurrentKey) };
        foreach (var (tenant, v1) in tenants)
        {
            await store.SaveAsync(new TwilioConfiguration
            {
                TenantId = tenant.TenantId,
                AccountSid = tenant.AccountSid,
                ProtectedAuthToken = v1,
                PhoneNumber = tenant.PhoneNumber,
                CreatedAt = StoreTestData.T0,
                UpdatedAt = StoreTestData.T0,
            });
        }

        await host.StartAsync();
        try
        {
            var protector = host.Services.GetRequiredService<IAuthTokenProtector>();
            foreach (var (tenant, _) in tenants)
            {
                var row = (await store.FindByTenantAsync(tenant.TenantId))!;
                Assert.StartsWith("v2.", row.ProtectedAuthToken, StringComparison.Ordinal);
                Assert.Equal(tenant.AuthToken, protector.Unprotect(row.ProtectedAuthToken, AuthTokenOwner.For(row)));
                Assert.Equal(StoreTestData.T0, row.UpdatedAt);
            }

            var rowOfA = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
            Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(rowOfA.ProtectedAuthToken, new AuthTokenOwner(TestTenants.B.TenantId, TestTenants.A.AccountSid)));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
