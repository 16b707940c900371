using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ICallStore"/> on Entity Framework Core: each operation uses its own short-lived context from the
/// factory, so the store is a thread-safe singleton and several processes can share one database.
/// </summary>
/// <remarks>
/// <see cref="ChangeAsync"/> is group-committed (see <see cref="CallChangeWriter{TContext}"/>): concurrent changes share
/// one transaction and one connection. Each change reads its call once, inserts its event with
/// <c>ON CONFLICT DO NOTHING</c> on the unique (call_id, deduplication_key), so the database decides what is a duplicate
/// even for two copies arriving on two hosts at once, and updates the call with one
/// <c>UPDATE … WHERE id AND tenant_id AND version = @expected</c> that also increments the version. Every database
/// command is bounded by the command timeout; a database that cannot serve now (down, locked past that timeout) is
/// reported as <see cref="StoreUnavailableException"/>.
/// </remarks>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkCallStore<TContext> : ICallStore, IDisposable
    where TContext : DbContext
{
    private readonly CallTrackingContexts<TContext> _contexts;
    private readonly CallChangeWriter<TContext> _writer;

    /// <summary>Creates the store, its database commands bounded by the default <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkCallStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new TwilioCallTrackingOptions().StoreTimeout)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    /// <param name="commandTimeout">
    /// The longest any of its database commands may take (SQLite's busy timeout included), and the longest a write waits
    /// for this process's other writes to the same SQLite file (at least 1 s); <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.
    /// </param>
    public EntityFrameworkCallStore(IDbContextFactory<TContext> contextFactory, TimeSpan commandTimeout)
    {
        _contexts = new CallTrackingContexts<TContext>(contextFactory, commandTimeout);
        _writer = new CallChangeWriter<TContext>(_contexts);
    }

    /// <inheritdoc/>
    public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _writer.ChangeAsync(change, cancellationToken);
    }

    /// <summary>Stops taking changes; those already queued are still written.</summary>
    public void Dispose() => _writer.Complete();

    /// <inheritdoc/>
    public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, (db, ct) => _writer.Statements(db).FindByIdAsync(db, callId, tenantId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, (db, ct) => _writer.Statements(db).FindBySidAsync(db, callSid, tenantId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _contexts.RunAsync<IReadOnlyList<Call>>(tenantId, async (db, ct) =>
        {
            var calls = db.Set<Call>().AsNoTracking().Where(c => c.TenantId == tenantId);
            if (query.ContactId is { } contactId)
            {
                calls = calls.Where(c => c.ContactId == contactId);
            }

            if (query.Direction is { } direction)
            {
                calls = calls.Where(c => c.Direction == direction);
            }

            if (query.Status is { } status)
            {
                calls = calls.Where(c => c.Status == status);
            }

            if (!query.IncludeChildLegs)
            {
                calls = calls.Where(c => c.ParentCallSid == null);
            }

            if (query.Before is { } before)
            {
                calls = calls.Where(c => c.CreatedAt < before.CreatedAt || (c.CreatedAt == before.CreatedAt && c.Id.CompareTo(before.Id) < 0));
            }

            return await calls
                .OrderByDescending(c => c.CreatedAt)
                .ThenByDescending(c => c.Id)
                .Take(query.EffectivePageSize)
                .ToListAsync(ct);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync<IReadOnlyList<CallEvent>>(tenantId, async (db, ct) =>
            // Events carry their call's tenant (the insert checks it), so this filter is the call's tenant check.
            await db.Set<CallEvent>().AsNoTracking()
                .Where(e => e.CallId == callId && e.TenantId == tenantId)
                .OrderBy(e => e.CreatedAt)
                .ThenBy(e => e.Id)
                .ToListAsync(ct),
            cancellationToken);
}
