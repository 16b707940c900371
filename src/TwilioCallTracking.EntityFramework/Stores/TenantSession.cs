using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Names the tenant a store operation works for: to the context (its EF query filter) and, on PostgreSQL, to the
/// current transaction, whose row-level-security policies (<see cref="RowLevelSecurityScript"/>) read it. Every store
/// operation on PostgreSQL runs in a transaction that starts this way, so the database sees the tenant whether or not
/// the application's contexts carry an interceptor.
/// </summary>
/// <remarks>
/// The settings are transaction-local (<c>set_config(…, true)</c>): they end with the transaction, so a pooled
/// connection never carries one operation's tenant, or a lookup's reach across tenants, into the next use.
/// </remarks>
internal static class TenantSession
{
    private static readonly string Sql =
        $"SELECT set_config('{RowLevelSecurityScript.TenantSetting}', {{0}}, true), set_config('{RowLevelSecurityScript.AllTenantsSetting}', {{1}}, true)";

    /// <summary>
    /// Points <paramref name="db"/> at <paramref name="tenantId"/>; <see langword="null"/> for a lookup across tenants
    /// (a webhook's tenant by number or account, the sweeper's and the dispatcher's claims), which the policies let read,
    /// and claim calls and notification deliveries, only.
    /// </summary>
    public static async Task EnterAsync(DbContext db, string? tenantId, CancellationToken cancellationToken)
    {
        Scope(db, tenantId);
        if (CallTrackingProviders.IsPostgreSql(db))
        {
            await db.Database.ExecuteSqlRawAsync(Sql, [tenantId ?? string.Empty, tenantId is null ? RowLevelSecurityScript.On : string.Empty], cancellationToken);
        }
    }

    /// <summary>
    /// Tells <paramref name="db"/> (when it is an <see cref="ICallTrackingTenantContext"/>) which tenant it serves:
    /// <see langword="null"/> lets its query filter see every tenant.
    /// </summary>
    public static void Scope(DbContext db, string? tenantId)
    {
        if (db is ICallTrackingTenantContext scoped)
        {
            scoped.TenantId = tenantId;
        }
    }
}
