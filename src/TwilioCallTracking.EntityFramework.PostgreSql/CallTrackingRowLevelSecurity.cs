using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework.PostgreSql;

/// <summary>
/// PostgreSQL row-level security on the call tracking tables, on by default: <c>MigrateCallTrackingDatabaseAsync()</c>
/// enables it after the migrations (opt out with <c>MigrateCallTrackingDatabaseAsync(o =&gt; o.RowLevelSecurity = false)</c>).
/// A policy per table shows and accepts only the rows whose <c>tenant_id</c> equals the transaction's or session's
/// <c>app.tenant_id</c>, and <c>FORCE ROW LEVEL SECURITY</c> applies it to the tables' owner too.
/// </summary>
/// <remarks>
/// The stores name the tenant at the start of each of their transactions, so they work whichever role the application
/// connects as. Your own queries of these tables get the tenant from <see cref="CallTrackingTenantSessionInterceptor"/>
/// (set <see cref="ICallTrackingTenantContext.TenantId"/>); a session with no tenant sees no rows at all. The stores'
/// lookups across tenants (a webhook's tenant by number or account, the sweeper's and the notification dispatcher's
/// claims) set <c>twilio_call_tracking.all_tenants</c> in their own transaction, which lets them read <c>calls</c>,
/// <c>twilio_configurations</c>, <c>call_notifications</c> and <c>call_notification_deliveries</c> and claim calls and
/// deliveries, nothing more. Superusers and <c>BYPASSRLS</c> roles are never restricted:
/// connect as an ordinary role (the tables' owner is fine).
/// </remarks>
public static class CallTrackingRowLevelSecurity
{
    /// <summary>The session or transaction setting the policies compare <c>tenant_id</c> with.</summary>
    public const string TenantSetting = RowLevelSecurityScript.TenantSetting;

    /// <summary>The name of the policy every table has (its rows belong to <see cref="TenantSetting"/>'s tenant).</summary>
    public const string PolicyName = RowLevelSecurityScript.TenantPolicy;

    /// <summary>The idempotent SQL that enables row-level security for the tables of a model mapped with these options (docs/sql/postgresql-rls.sql).</summary>
    /// <param name="schema">The tables' schema (<see cref="CallTrackingModelOptions.Schema"/>); <see langword="null"/> for the search path's.</param>
    /// <param name="tablePrefix">The tables' prefix (<see cref="CallTrackingModelOptions.TablePrefix"/>).</param>
    public static string Script(string? schema = null, string tablePrefix = "") => RowLevelSecurityScript.Script(schema, tablePrefix);

    /// <summary>
    /// Enables row-level security on the call tracking tables of this context's model, as the migration does (PostgreSQL
    /// only; idempotent, in one transaction). For a database migrated without <c>MigrateCallTrackingDatabaseAsync</c>.
    /// </summary>
    public static Task EnableAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RowLevelSecurityScript.ApplyAsync(context, cancellationToken);
    }
}
