namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// A DbContext that knows which tenant it works for. <see cref="CallTrackingDbContext"/> implements it; implement it on
/// your own DbContext to get the same behaviour. The stores set <see cref="TenantId"/> on every context they create (the
/// tenant for tenant-scoped operations, <see langword="null"/> for the lookups that find a tenant), and name the tenant
/// to PostgreSQL themselves; for your own queries, <c>CallTrackingTenantSessionInterceptor</c> (package
/// TwilioCallTracking.EntityFramework.PostgreSql) copies it into PostgreSQL's <c>app.tenant_id</c> for row-level security.
/// </summary>
public interface ICallTrackingTenantContext
{
    /// <summary>The tenant this context works for, or <see langword="null"/> for none (all tenants, as the database user allows).</summary>
    string? TenantId { get; set; }
}
