using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ICallReconciliationStore"/> on Entity Framework Core: the reconciliation state lives in columns of
/// <c>calls</c> (<c>reconcile_attempts</c>, <c>reconcile_next_at</c>, <c>reconcile_lease_id</c>,
/// <c>reconcile_lease_expires_at</c>), so several app instances on one database share the work without doing any call
/// twice. A claim is one statement (PostgreSQL: <c>FOR NO KEY UPDATE SKIP LOCKED</c>; SQLite: one atomic
/// <c>UPDATE … RETURNING</c>); a release is one <c>UPDATE</c> fenced by the lease id.
/// </summary>
/// <remarks>
/// A claim crosses tenants: with PostgreSQL row-level security (on by default) it goes through the one clause that lets
/// the stores' lookups across tenants read and claim calls; a release names the call's tenant.
/// </remarks>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkCallReconciliationStore<TContext> : ICallReconciliationStore
    where TContext : DbContext
{
    private readonly CallTrackingContexts<TContext> _contexts;
    private ReconciliationClaim? _claim;

    /// <summary>Creates the store, its database commands bounded by the default <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkCallReconciliationStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new TwilioCallTrackingOptions().StoreTimeout)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    /// <param name="commandTimeout">The longest any of its database commands may take (at least 1 s); <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</param>
    public EntityFrameworkCallReconciliationStore(IDbContextFactory<TContext> contextFactory, TimeSpan commandTimeout)
    {
        _contexts = new CallTrackingContexts<TContext>(contextFactory, commandTimeout);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.BatchSize <= 0)
        {
            return Task.FromResult<IReadOnlyList<ReconciliationLease>>([]);
        }

        return _contexts.RunAsync<IReadOnlyList<ReconciliationLease>>(null, async (db, ct) =>
        {
            var claim = ClaimFor(db);

            // One lease id per claim: the release matches it together with the call's id, so it still fences each call.
            var leaseId = Guid.NewGuid();

            // Tracked only to read the shadow attempt count; the context ends with this method. No query filter: it would
            // wrap the UPDATE in a SELECT, and the claim is meant to see every tenant.
            var calls = await db.Set<Call>()
                .FromSqlRaw(claim.Sql, claim.Parameters(db, criteria, leaseId))
                .IgnoreQueryFilters()
                .ToListAsync(ct);
            return
            [
                .. calls.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                    .Select(c => new ReconciliationLease(c, leaseId, db.Entry(c).Property<int>(ReconciliationColumns.Attempts).CurrentValue)),
            ];
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var call = lease.Call;
        var next = nextAttemptAt ?? ReconciliationColumns.Finished;
        return _contexts.RunAsync(call.TenantId, async (db, ct) => await db.Set<Call>()
            .Where(c => c.Id == call.Id && c.TenantId == call.TenantId && EF.Property<Guid?>(c, ReconciliationColumns.LeaseId) == lease.LeaseId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => EF.Property<int>(c, ReconciliationColumns.Attempts), attempts)
                    .SetProperty(c => EF.Property<DateTimeOffset?>(c, ReconciliationColumns.NextAt), next)
                    .SetProperty(c => EF.Property<Guid?>(c, ReconciliationColumns.LeaseId), (Guid?)null)
                    .SetProperty(c => EF.Property<DateTimeOffset?>(c, ReconciliationColumns.LeaseExpiresAt), (DateTimeOffset?)null),
                ct) > 0, cancellationToken);
    }

    private ReconciliationClaim ClaimFor(TContext db)
    {
        var claim = _claim;
        if (claim is null || !ReferenceEquals(claim.Model, db.Model))
        {
            _claim = claim = new ReconciliationClaim(db.Model, db.GetService<ISqlGenerationHelper>(), CallTrackingProviders.IsPostgreSql(db));
        }

        return claim;
    }
}
