using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Deletes old notifications whose deliveries all ended, with their deliveries (the foreign key cascades). It finds them
/// across tenants, but deletes them tenant by tenant in the same transaction, each after naming its tenant: with
/// PostgreSQL row-level security the stores' reach across tenants reads and claims, never deletes.
/// </summary>
internal static class NotificationPurge
{
    public static async Task<int> ExecuteAsync(DbContext db, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        var candidates = await Purgeable(db, before)
            .OrderBy(n => n.OccurredAt).ThenBy(n => n.Id)
            .Take(batchSize)
            .Select(n => new { n.Id, n.TenantId })
            .ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var tenant in candidates.GroupBy(c => c.TenantId, StringComparer.Ordinal))
        {
            await TenantSession.EnterAsync(db, tenant.Key, cancellationToken);
            var ids = tenant.Select(c => c.Id).ToList();
            if (CallTrackingProviders.IsPostgreSql(db))
            {
                // A redelivery may have made one of their deliveries pending since the read: lock them first, so the delete
                // below (a new snapshot) sees it, and a redelivery that comes after waits, then finds the delivery gone.
                await db.Database.ExecuteSqlRawAsync(LockDeliveriesSql(db), new object[] { ids.ToArray() }, cancellationToken);
            }

            deleted += await Purgeable(db, before).Where(n => n.TenantId == tenant.Key && ids.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }

    // Dispatched before the time, no pending delivery left. Without the query filter: the candidates cross tenants.
    private static IQueryable<CallNotification> Purgeable(DbContext db, DateTimeOffset before) =>
        db.Set<CallNotification>().IgnoreQueryFilters()
            .Where(n => EF.Property<DateTimeOffset?>(n, NotificationColumns.DispatchedAt) != null && n.OccurredAt < before
                && !db.Set<NotificationDelivery>().IgnoreQueryFilters().Any(d =>
                    EF.Property<Guid>(d, NotificationColumns.NotificationId) == n.Id && d.State == NotificationDeliveryState.Pending));

    private static string LockDeliveriesSql(DbContext db)
    {
        var deliveries = db.Model.FindEntityType(typeof(NotificationDelivery)) ?? throw CallTrackingModelMissing.For(typeof(NotificationDelivery));
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(deliveries.GetTableName()!, deliveries.GetSchema());
        return $"SELECT 1 FROM {table} WHERE notification_id = ANY({{0}}) FOR UPDATE";
    }
}
