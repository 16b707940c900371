using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Creates the short-lived contexts the stores work with, each told which tenant it serves.</summary>
/// <param name="factory">The application's context factory (pooled when registered by <c>AddEntityFrameworkStores</c>).</param>
internal sealed class CallTrackingContexts<TContext>(IDbContextFactory<TContext> factory)
    where TContext : DbContext
{
    /// <summary>A context for <paramref name="tenantId"/>; <see langword="null"/> for the lookups that find a tenant.</summary>
    public async ValueTask<TContext> CreateAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var context = await factory.CreateDbContextAsync(cancellationToken);
        Scope(context, tenantId);
        return context;
    }

    /// <summary>A context for <paramref name="tenantId"/>, created synchronously.</summary>
    public TContext Create(string? tenantId)
    {
        var context = factory.CreateDbContext();
        Scope(context, tenantId);
        return context;
    }

    /// <summary>
    /// Tells <paramref name="context"/> (when it is an <see cref="ICallTrackingTenantContext"/>) which tenant it serves:
    /// <see langword="null"/> lets it see every tenant, for a lookup that finds the owner of a SID or number.
    /// </summary>
    public static void Scope(TContext context, string? tenantId)
    {
        if (context is ICallTrackingTenantContext scoped)
        {
            scoped.TenantId = tenantId;
        }
    }
}
