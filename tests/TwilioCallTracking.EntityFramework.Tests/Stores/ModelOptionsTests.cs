using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>The tables in an application's own DbContext (schema, prefix), the global tenant filter, and the DI entry points.</summary>
public sealed class ModelOptionsTests
{
    [SkippableFact]
    public async Task OwnContext_WithSchemaAndPrefix_HoldsTheTablesAndServesTheStores()
    {
        var connectionString = await TestDatabases.NewPostgreSqlAsync();
        CrmDbContext Create() => new(TestDatabases.PostgreSql<CrmDbContext>(connectionString));
        await using (var db = Create())
        {
            await db.Database.EnsureCreatedAsync();
            await CallTrackingRowLevelSecurity.EnableAsync(db);
        }

        var store = TestDatabases.CallStore(Create);
        var call = NewCall(NewTenant());
        await store.CreateAsync(call, NewEvent(call, "inbound-answered"));
        var next = call with { };
        next.Status = CallStatus.Completed;
        Assert.Equal(SaveOutcome.Saved, await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, next, NewEvent(call, "completed", "k"))));
        Assert.Equal(SaveOutcome.Duplicate, await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 2, null, NewEvent(call, "completed", "k"))));

        // Row-level security is forced on the tables' owner too: plain SQL sees the rows of the tenant its session names.
        // The stores named it themselves, although this context knows nothing of tenants.
        await using var check = Create();
        await check.Database.OpenConnectionAsync();
        await check.Database.ExecuteSqlRawAsync("SELECT set_config('app.tenant_id', {0}, false)", call.TenantId);
        Assert.Equal(
            2,
            await check.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM crm.twilio_call_events WHERE tenant_id = {0}", call.TenantId).SingleAsync());
        Assert.Equal(
            "completed",
            await check.Database.SqlQueryRaw<string>("SELECT status AS \"Value\" FROM crm.twilio_calls WHERE id = {0}", call.Id).SingleAsync());

        // The sweeper's claim and release find the prefixed table in its schema.
        var stuck = NewCall(call.TenantId, createdAt: T0.AddSeconds(1));
        await store.CreateAsync(stuck, NewEvent(stuck, "outbound-requested"));
        var sweeper = TestDatabases.ReconciliationStore(Create);
        var lease = Assert.Single(await sweeper.ClaimAsync(Sweep(T0.AddHours(3))));
        Assert.Equal(stuck.Id, lease.Call.Id);
        Assert.True(await sweeper.ReleaseAsync(lease, 1, nextAttemptAt: null));
        Assert.Equal(
            1,
            await check.Database.SqlQueryRaw<int>("SELECT reconcile_attempts AS \"Value\" FROM crm.twilio_calls WHERE id = {0}", stuck.Id).SingleAsync());

        // The outbox's own SQL (the change's notification insert, the fan-out, the claim, the purge) and the subscriptions'
        // upsert find their prefixed tables in the schema too.
        var notification = NewNotification(stuck, CallNotificationTypes.Ended, T0.AddSeconds(2));
        Assert.Equal(CallChangeOutcome.Saved, (await store.ChangeAsync(new CallChange
        {
            TenantId = stuck.TenantId,
            CallId = stuck.Id,
            Decide = (current, _) => new CallDecision(current, NewEvent(current!, "completed")) { Notifications = [notification] },
        })).Outcome);
        var outbox = TestDatabases.NotificationStore(Create);
        Assert.Equal(notification.Id, Assert.Single(await outbox.ListUndispatchedAsync(10)).Id);
        await outbox.DispatchAsync(notification, [NotificationTarget.Webhook(Guid.NewGuid())], T0.AddSeconds(3));
        var delivery = Assert.Single(await outbox.ClaimDeliveriesAsync(new NotificationClaimCriteria
        {
            Now = T0.AddSeconds(3),
            BatchSize = 10,
            Owner = "test",
            LeaseExpiresAt = T0.AddMinutes(1),
        }));
        Assert.True(await outbox.CompleteDeliveryAsync(delivery, new NotificationAttempt { At = T0.AddSeconds(4), State = NotificationDeliveryState.Delivered }));
        Assert.Equal(
            "delivered",
            await check.Database.SqlQueryRaw<string>("SELECT state AS \"Value\" FROM crm.twilio_call_notification_deliveries WHERE id = {0}", delivery.Delivery.Id).SingleAsync());
        Assert.Equal(1, await outbox.PurgeAsync(T0.AddDays(1), 10));
        var subscriptions = TestDatabases.SubscriptionStore(Create);
        var subscription = NewSubscription(call.TenantId);
        await subscriptions.SaveAsync(subscription);
        await subscriptions.SaveAsync(subscription with { Enabled = false });
        Assert.False(Assert.Single(await subscriptions.ListAsync(call.TenantId)).Enabled);
    }

    [Fact]
    public async Task ReadyContext_WithATenant_SeesOnlyThatTenantsRows()
    {
        var connectionString = TestDatabases.NewSqlite();
        SqliteCallTrackingDbContext Create() => new(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(connectionString));
        await using (var db = Create())
        {
            await db.Database.MigrateAsync();
        }

        var store = TestDatabases.CallStore(Create);
        var (a, b) = (NewCall(NewTenant()), NewCall(NewTenant()));
        await store.CreateAsync(a, NewEvent(a, "inbound-answered"));
        await store.CreateAsync(b, NewEvent(b, "inbound-answered"));

        await using var scoped = Create();
        scoped.TenantId = a.TenantId;
        Assert.Equal([a.Id], await scoped.Calls.Select(c => c.Id).ToListAsync());
        Assert.Equal([a.Id], await scoped.CallEvents.Select(e => e.CallId).ToListAsync());
        scoped.TenantId = null;
        Assert.Equal(2, await scoped.Calls.CountAsync());
    }

    [Fact]
    public void AddEntityFrameworkStores_ReplacesTheInMemoryStoresIncludingTheSweepers()
    {
        var services = new ServiceCollection();
        // The stores take their command timeout from the (validated) options: a valid configuration, as at start.
        services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey)
            .AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite("Data Source=:memory:"));
        services.AddTwilioCallTracking().AddEntityFrameworkStores<SqliteCallTrackingDbContext>();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<EntityFrameworkCallStore<SqliteCallTrackingDbContext>>(provider.GetRequiredService<ICallStore>());
        Assert.IsType<EntityFrameworkTwilioConfigurationStore<SqliteCallTrackingDbContext>>(provider.GetRequiredService<ITwilioConfigurationStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ICallStore));

        // The sweeper claims from the shared database, never from this process's in-memory store.
        Assert.IsType<EntityFrameworkCallReconciliationStore<SqliteCallTrackingDbContext>>(provider.GetRequiredService<ICallReconciliationStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ICallReconciliationStore));

        // The outbox the call store writes, and the subscriptions, in the same database.
        Assert.IsType<EntityFrameworkCallNotificationStore<SqliteCallTrackingDbContext>>(provider.GetRequiredService<ICallNotificationStore>());
        Assert.IsType<EntityFrameworkWebhookSubscriptionStore<SqliteCallTrackingDbContext>>(provider.GetRequiredService<IWebhookSubscriptionStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ICallNotificationStore));
        Assert.Single(services, d => d.ServiceType == typeof(IWebhookSubscriptionStore));
    }

    [Fact]
    public async Task MisconfiguredSetups_SayWhatToDo()
    {
        var noFactory = new ServiceCollection();
        noFactory.AddTwilioCallTracking().AddEntityFrameworkStores<SqliteCallTrackingDbContext>();
        using var withoutFactory = noFactory.BuildServiceProvider();
        Assert.Contains("AddPooledDbContextFactory<SqliteCallTrackingDbContext>", Assert.Throws<InvalidOperationException>(
            () => withoutFactory.GetRequiredService<ICallStore>()).Message, StringComparison.Ordinal);

        var inMemory = new ServiceCollection();
        inMemory.AddTwilioCallTracking();
        await using var withoutStores = inMemory.BuildServiceProvider();
        Assert.Contains("AddEntityFrameworkStores", (await Assert.ThrowsAsync<InvalidOperationException>(
            () => withoutStores.MigrateCallTrackingDatabaseAsync())).Message, StringComparison.Ordinal);

        var bare = TestDatabases.CallStore(() => new BareDbContext(TestDatabases.Sqlite<BareDbContext>("Data Source=:memory:")));
        var call = NewCall(NewTenant());
        Assert.Contains("ApplyCallTrackingModel", (await Assert.ThrowsAsync<InvalidOperationException>(
            () => bare.CreateAsync(call, NewEvent(call, "inbound-answered")))).Message, StringComparison.Ordinal);
    }

    /// <summary>An application's own context with the tables in schema <c>crm</c>, prefixed <c>twilio_</c>.</summary>
    private sealed class CrmDbContext(DbContextOptions<CrmDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCallTrackingModel(o =>
        {
            o.Schema = "crm";
            o.TablePrefix = "twilio_";
            o.EventDataColumnType = "jsonb";
        });
    }

    /// <summary>A context that forgot <c>ApplyCallTrackingModel</c>.</summary>
    private sealed class BareDbContext(DbContextOptions<BareDbContext> options) : DbContext(options);
}
