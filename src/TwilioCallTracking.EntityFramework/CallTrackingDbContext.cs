using Microsoft.EntityFrameworkCore;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// A ready DbContext holding only the call tracking tables. Use <c>SqliteCallTrackingDbContext</c> (package
/// TwilioCallTracking.EntityFramework.Sqlite) or <c>PostgreSqlCallTrackingDbContext</c> (package
/// TwilioCallTracking.EntityFramework.PostgreSql), which carry the shipped migrations for their provider; or call
/// <c>modelBuilder.ApplyCallTrackingModel()</c> in your own DbContext instead.
/// </summary>
/// <remarks>
/// When <see cref="TenantId"/> is set, every query of the context sees only that tenant's rows (an EF Core global query
/// filter). The stores always filter by tenant themselves; the filter protects your own queries of these tables.
/// </remarks>
public class CallTrackingDbContext : DbContext, ICallTrackingTenantContext
{
    /// <summary>Creates the context (provider chosen by <paramref name="options"/>; no shipped migrations).</summary>
    public CallTrackingDbContext(DbContextOptions<CallTrackingDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates a derived context.</summary>
    protected CallTrackingDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    public string? TenantId { get; set; }

    /// <summary>The calls (table <c>calls</c>).</summary>
    public DbSet<Call> Calls => Set<Call>();

    /// <summary>The calls' events (table <c>call_events</c>).</summary>
    public DbSet<CallEvent> CallEvents => Set<CallEvent>();

    /// <summary>The tenants' Twilio configurations (table <c>twilio_configurations</c>).</summary>
    public DbSet<TwilioConfiguration> TwilioConfigurations => Set<TwilioConfiguration>();

    /// <summary>The notifications written with each call change (table <c>call_notifications</c>, the outbox).</summary>
    public DbSet<CallNotification> CallNotifications => Set<CallNotification>();

    /// <summary>The notifications' deliveries to handlers and webhooks (table <c>call_notification_deliveries</c>, the delivery log).</summary>
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    /// <summary>The tenants' outgoing webhook subscriptions (table <c>webhook_subscriptions</c>).</summary>
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    /// <inheritdoc/>
    public override void Dispose()
    {
        // A pooled context is reused by the next lease: it must not keep this lease's tenant.
        TenantId = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        TenantId = null;
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    /// <summary>Sets the model options (schema, prefix, JSON column type); the ready contexts keep the defaults their migrations use.</summary>
    protected virtual void ConfigureCallTrackingModel(CallTrackingModelOptions options)
    {
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyCallTrackingModel(ConfigureCallTrackingModel);
        modelBuilder.Entity<Call>().HasQueryFilter(c => TenantId == null || c.TenantId == TenantId);
        modelBuilder.Entity<CallEvent>().HasQueryFilter(e => TenantId == null || e.TenantId == TenantId);
        modelBuilder.Entity<TwilioConfiguration>().HasQueryFilter(c => TenantId == null || c.TenantId == TenantId);
        modelBuilder.Entity<CallNotification>().HasQueryFilter(n => TenantId == null || n.TenantId == TenantId);
        modelBuilder.Entity<NotificationDelivery>().HasQueryFilter(d => TenantId == null || EF.Property<string>(d, NotificationColumns.TenantId) == TenantId);
        modelBuilder.Entity<WebhookSubscription>().HasQueryFilter(s => TenantId == null || s.TenantId == TenantId);
    }
}
