using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.EntityFramework.Tests.PostgreSql;

/// <summary>
/// Row-level security, on by default: migrated through the library, the tables' own (non-superuser) owner sees one
/// tenant in a query that forgets its tenant, or nothing without one; the stores still do everything, the lookups
/// across tenants included; opting out leaves the tables open.
/// </summary>
public sealed class RowLevelSecurityTests
{
    [SkippableFact]
    public async Task Migrated_TheTablesOwnerToo_SeesOneTenant_InQueriesThatForgetTheTenant()
    {
        await using var host = await StartAsync();
        var (a, b) = (await host.AddTenantWithCallAsync(), await host.AddTenantWithCallAsync());

        await using (var db = host.Context(a.TenantId))
        {
            Assert.Equal([a.TenantId], await db.Calls.IgnoreQueryFilters().Select(c => c.TenantId).Distinct().ToListAsync());
            Assert.Equal([a.TenantId], await TenantsInAsync(db, "calls"));
            Assert.Equal([a.TenantId], await TenantsInAsync(db, "call_events"));
            Assert.Equal([a.TenantId], await TenantsInAsync(db, "twilio_configurations"));
            foreach (var table in NotificationTables)
            {
                Assert.Equal([a.TenantId], await TenantsInAsync(db, table));
            }

            db.Calls.Add(NewCall(b.TenantId));
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        }

        await using (var db = host.Context(tenantId: null))
        {
            Assert.Empty(await TenantsInAsync(db, "calls"));
            Assert.Empty(await TenantsInAsync(db, "twilio_configurations"));
            foreach (var table in NotificationTables)
            {
                Assert.Empty(await TenantsInAsync(db, table));
            }
        }

        await using (var db = host.Context(a.TenantId))
        {
            Assert.Equal(Enumerable.Repeat(true, 6), await db.Database.SqlQueryRaw<bool>(
                "SELECT relforcerowsecurity AS \"Value\" FROM pg_class WHERE relname IN ('calls', 'call_events', 'twilio_configurations', " +
                "'call_notifications', 'call_notification_deliveries', 'webhook_subscriptions')").ToListAsync());
        }
    }

    [SkippableFact]
    public async Task Migrated_TheStoresStillReadWriteAndLookAcrossTenantsWhereTheyMust()
    {
        await using var host = await StartAsync();
        var (a, b) = (await host.AddTenantWithCallAsync(), await host.AddTenantWithCallAsync());
        var calls = host.Services.GetRequiredService<ICallStore>();
        var configurations = host.Services.GetRequiredService<ITwilioConfigurationStore>();

        // The webhooks' tenant lookups cross tenants: by number and by account.
        Assert.Equal(b.TenantId, (await configurations.FindByPhoneNumberAsync(b.PhoneNumber))!.TenantId);
        Assert.Equal([a.TenantId], (await configurations.FindByAccountSidAsync(a.AccountSid)).Select(c => c.TenantId));

        // A SID that is another tenant's is refused without crossing tenants; the tenant's own are found.
        var intruder = NewCall(a.TenantId, b.Call.TwilioCallSid);
        Assert.Equal(new CallCreateResult(false, null), await calls.CreateAsync(intruder, NewEvent(intruder, "inbound-answered")));
        Assert.Equal(b.Call.Id, (await calls.FindBySidAsync(b.TenantId, b.Call.TwilioCallSid!))!.Id);
        Assert.Null(await calls.FindBySidAsync(a.TenantId, b.Call.TwilioCallSid!));
        Assert.Single(await calls.ListEventsAsync(a.TenantId, a.Call.Id));

        // The sweeper's claim sees every tenant's due calls, and releases them per tenant.
        var leases = await host.Services.GetRequiredService<ICallReconciliationStore>().ClaimAsync(Sweep(T0.AddHours(3)));
        Assert.Equal(new[] { a.TenantId, b.TenantId }.Order(), leases.Select(l => l.Call.TenantId).Order());
        foreach (var lease in leases)
        {
            Assert.True(await host.Services.GetRequiredService<ICallReconciliationStore>().ReleaseAsync(lease, 1, null));
        }
    }

    [SkippableFact]
    public async Task ARoleThatDoesNotOwnTheTables_UsesTheStores_AndEnablingAgainAsksNothingOfIt()
    {
        var cluster = await PostgresTests.RequireAsync();
        await using var host = await StartAsync();
        var (a, b) = (await host.AddTenantWithCallAsync(), await host.AddTenantWithCallAsync());
        var role = $"crm_app_{Guid.NewGuid():N}";
        await cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        await cluster.ExecuteAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}", host.ConnectionString);
        await using var app = StoreHostOn.Start(new NpgsqlConnectionStringBuilder(host.ConnectionString) { Username = role }.ConnectionString);

        // The policies are in place: enabling them again changes nothing, so it needs no ownership (and takes no lock).
        await using (var db = app.Context(a.TenantId))
        {
            await CallTrackingRowLevelSecurity.EnableAsync(db);
            Assert.Equal([a.TenantId], await TenantsInAsync(db, "calls"));
        }

        var calls = app.Services.GetRequiredService<ICallStore>();
        Assert.Equal(a.Call.Id, (await calls.FindByIdAsync(a.TenantId, a.Call.Id))!.Id);
        Assert.Equal(b.TenantId, (await app.Services.GetRequiredService<ITwilioConfigurationStore>().FindByPhoneNumberAsync(b.PhoneNumber))!.TenantId);
        var next = a.Call with { Status = CallStatus.InProgress };
        Assert.Equal(SaveOutcome.Saved, await calls.SaveChangeAsync(new VersionedChange(a.TenantId, a.Call.Id, 1, next, NewEvent(a.Call, "in-progress"))));

        // The dispatcher's work across tenants: claim every tenant's deliveries, record them, purge them.
        var notifications = app.Services.GetRequiredService<ICallNotificationStore>();
        var leases = await notifications.ClaimDeliveriesAsync(new NotificationClaimCriteria
        {
            Now = T0.AddDays(1),
            BatchSize = 10,
            Owner = "test",
            LeaseExpiresAt = T0.AddDays(1).AddMinutes(1),
        });
        Assert.Equal(new[] { a.TenantId, b.TenantId }.Order(), leases.Select(l => l.Delivery.Notification.TenantId).Order());
        foreach (var lease in leases)
        {
            Assert.True(await notifications.CompleteDeliveryAsync(lease, new NotificationAttempt { At = T0.AddDays(1), State = NotificationDeliveryState.Delivered }));
        }

        Assert.Equal(2, await notifications.PurgeAsync(T0.AddDays(2), 10));
        Assert.Equal(b.TenantId, Assert.Single(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(b.TenantId)).TenantId);
    }

    [SkippableFact]
    public async Task HostsUpgradingAtOnce_AllEnableRowLevelSecurity_WithoutFailing()
    {
        // A database of a version without row-level security; then three hosts of this version start at once.
        await using var before = await StartAsync(rowLevelSecurity: false);
        var hosts = Enumerable.Range(0, 3).Select(_ => StoreHostOn.Start(before.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.Services.MigrateCallTrackingDatabaseAsync()));

            var (a, b) = (await hosts[0].AddTenantWithCallAsync(), await hosts[1].AddTenantWithCallAsync());
            await using var db = hosts[2].Context(b.TenantId);
            Assert.Equal([b.TenantId], await TenantsInAsync(db, "calls"));
            Assert.Equal(a.Call.Id, (await hosts[2].Services.GetRequiredService<ICallStore>().FindByIdAsync(a.TenantId, a.Call.Id))!.Id);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task MigratedWithRowLevelSecurityOff_LeavesTheTablesOpen()
    {
        await using var host = await StartAsync(rowLevelSecurity: false);
        var (a, b) = (await host.AddTenantWithCallAsync(), await host.AddTenantWithCallAsync());

        await using var db = host.Context(tenantId: null);
        Assert.Equal(new[] { a.TenantId, b.TenantId }.Order(), (await TenantsInAsync(db, "calls")).Order());
        Assert.Equal([false], await db.Database.SqlQueryRaw<bool>("SELECT relrowsecurity AS \"Value\" FROM pg_class WHERE relname = 'calls'").ToListAsync());
    }

    private static async Task<StoreHostOn> StartAsync(bool rowLevelSecurity = true)
    {
        var host = StoreHostOn.Start(await TestDatabases.NewPostgreSqlAsync());
        await host.Services.MigrateCallTrackingDatabaseAsync(o => o.RowLevelSecurity = rowLevelSecurity);
        return host;
    }

    private static readonly string[] NotificationTables = ["call_notifications", "call_notification_deliveries", "webhook_subscriptions"];

    // Raw SQL: no query filter, no tenant in the query; only the database's policies decide what comes back.
    private static Task<List<string>> TenantsInAsync(DbContext db, string table) => table switch
    {
        "calls" => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM calls").ToListAsync(),
        "call_events" => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM call_events").ToListAsync(),
        "call_notifications" => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM call_notifications").ToListAsync(),
        "call_notification_deliveries" => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM call_notification_deliveries").ToListAsync(),
        "webhook_subscriptions" => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM webhook_subscriptions").ToListAsync(),
        _ => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tenant_id AS \"Value\" FROM twilio_configurations").ToListAsync(),
    };

    /// <summary>The stores on one PostgreSQL database, as one connection string's role sees it.</summary>
    private sealed class StoreHostOn(ServiceProvider services, string connectionString) : IAsyncDisposable
    {
        public ServiceProvider Services { get; } = services;

        public string ConnectionString { get; } = connectionString;

        public static StoreHostOn Start(string connectionString)
        {
            var services = new ServiceCollection().AddLogging();
            services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey)
                .AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
            return new StoreHostOn(services.BuildServiceProvider(), connectionString);
        }

        /// <summary>Your own context on the same database, for <paramref name="tenantId"/> through the interceptor.</summary>
        public PostgreSqlCallTrackingDbContext Context(string? tenantId) =>
            new(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(ConnectionString, o => o.AddInterceptors(new CallTrackingTenantSessionInterceptor())))
            {
                TenantId = tenantId,
            };

        /// <summary>
        /// A fresh tenant with its Twilio configuration, one stale call (due for the sweeper) with a notification dispatched
        /// to a handler, and a webhook subscription, through the stores.
        /// </summary>
        public async Task<(string TenantId, string PhoneNumber, string AccountSid, Call Call)> AddTenantWithCallAsync()
        {
            var tenantId = NewTenant();
            var phoneNumber = "+1800" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var accountSid = TwilioPayloads.NewSid("AC");
            await Services.GetRequiredService<ITwilioConfigurationStore>().SaveAsync(new TwilioConfiguration
            {
                TenantId = tenantId,
                AccountSid = accountSid,
                ProtectedAuthToken = "protected-token",
                PhoneNumber = phoneNumber,
                CreatedAt = T0,
                UpdatedAt = T0,
            });
            var call = NewCall(tenantId, configure: c => c.Status = CallStatus.Ringing);
            var notification = NewNotification(call);
            await Services.GetRequiredService<ICallStore>().ChangeAsync(new CallChange
            {
                TenantId = tenantId,
                CallSid = call.TwilioCallSid,
                Decide = (current, _) => current is null ? new CallDecision(call, NewEvent(call, "inbound-answered")) { Notifications = [notification] } : CallDecision.None,
            });
            await Services.GetRequiredService<ICallNotificationStore>().DispatchAsync(notification, [NotificationTarget.Handler(typeof(StoreHostOn))], T0);
            await Services.GetRequiredService<IWebhookSubscriptionStore>().SaveAsync(NewSubscription(tenantId));
            return (tenantId, phoneNumber, accountSid, call);
        }

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }
}
