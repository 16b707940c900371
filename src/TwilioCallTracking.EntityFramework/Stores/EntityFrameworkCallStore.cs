using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ICallStore"/> on Entity Framework Core (SQLite or PostgreSQL): each operation uses its own short-lived
/// context from the factory, so the store is a thread-safe singleton and several processes can share one database.
/// </summary>
/// <remarks>
/// <see cref="SaveChangeAsync"/> is one transaction: the event is inserted with <c>ON CONFLICT DO NOTHING</c> on the
/// unique (call_id, deduplication_key), so the database decides what is a duplicate even for two copies arriving on two
/// connections at once; the call is then updated with one <c>UPDATE … WHERE id AND tenant_id AND version = @expected</c>
/// that also increments the version. No change tracking, no read-then-write.
/// </remarks>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkCallStore<TContext> : ICallStore
    where TContext : DbContext
{
    // Compiled once per store: a compiled query is bound to one model, and two option sets (two stores) mean two models.
    private readonly Func<TContext, Guid, string, CancellationToken, Task<Call?>> ById =
        EF.CompileAsyncQuery((TContext db, Guid id, string tenantId, CancellationToken _) =>
            db.Set<Call>().AsNoTracking().FirstOrDefault(c => c.Id == id && c.TenantId == tenantId));

    private readonly Func<TContext, string, string, CancellationToken, Task<Call?>> BySid =
        EF.CompileAsyncQuery((TContext db, string sid, string tenantId, CancellationToken _) =>
            db.Set<Call>().AsNoTracking().FirstOrDefault(c => c.TwilioCallSid == sid && c.TenantId == tenantId));

    private readonly Func<TContext, string, CancellationToken, Task<Call?>> BySidInAnyTenant =
        EF.CompileAsyncQuery((TContext db, string sid, CancellationToken _) =>
            db.Set<Call>().AsNoTracking().FirstOrDefault(c => c.TwilioCallSid == sid));

    private readonly CallTrackingContexts<TContext> _contexts;
    private Statements? _statements;

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkCallStore(IDbContextFactory<TContext> contextFactory)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        _contexts = new CallTrackingContexts<TContext>(contextFactory);
    }

    /// <inheritdoc/>
    public async Task<CallCreateResult> CreateAsync(Call call, CallEvent firstEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(firstEvent);
        if (firstEvent.CallId != call.Id || firstEvent.TenantId != call.TenantId)
        {
            throw new ArgumentException("The first event must belong to the call (same call id and tenant).", nameof(firstEvent));
        }

        var stored = call.Clone();
        stored.Version = 1;
        stored.CreatedAt = CallTrackingConverters.Stored(stored.CreatedAt);
        stored.AnsweredAt = stored.AnsweredAt is { } answered ? CallTrackingConverters.Stored(answered) : null;
        stored.EndedAt = stored.EndedAt is { } ended ? CallTrackingConverters.Stored(ended) : null;

        await using var db = await _contexts.CreateAsync(call.TenantId, cancellationToken);
        var statements = StatementsFor(db);
        var gate = SqliteWriteGate.For(db);
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        bool created;
        try
        {
            created = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);

                // Unique twilio_call_sid (and the primary key) decide: Twilio retrying the answer webhook inserts nothing.
                if (!await statements.InsertCall.ExecuteAsync(db, stored, ct))
                {
                    await transaction.RollbackAsync(ct);
                    return false;
                }

                await statements.InsertEvent.ExecuteAsync(db, firstEvent, ct);
                await transaction.CommitAsync(ct);
                return true;
            }, cancellationToken);
        }
        finally
        {
            gate?.Release();
        }

        if (created)
        {
            return new CallCreateResult(true, stored);
        }

        // The SID is someone's already: whose? The lookup crosses tenants on purpose, the answer does not.
        CallTrackingContexts<TContext>.Scope(db, null);
        var existing = call.TwilioCallSid is { } sid ? await BySidInAnyTenant(db, sid, cancellationToken) : null;
        return existing is null
            ? throw new InvalidOperationException($"A call with id {call.Id} exists already.")
            : new CallCreateResult(false, existing.TenantId == call.TenantId ? existing : null);
    }

    /// <inheritdoc/>
    public async Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);
        return await ById(db, callId, tenantId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);
        return await BySid(db, callSid, tenantId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<CallChangeResult> SaveChangeAsync(CallChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Event.TenantId != change.TenantId || change.Event.CallId != change.CallId)
        {
            return CallChangeResult.NotFound;
        }

        await using var db = await _contexts.CreateAsync(change.TenantId, cancellationToken);
        var statements = StatementsFor(db);
        var gate = SqliteWriteGate.For(db);
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                async ct => await SaveInTransactionAsync(db, statements, change, ct), cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsTransientConflict(ex))
        {
            // PostgreSQL broke a deadlock or a serialization failure by aborting this transaction: nothing was written.
            return CallChangeResult.Conflict;
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new InvalidOperationException(
                $"The change breaks a unique key: the call SID {change.Next?.TwilioCallSid} belongs to another call, or event {change.Event.Id} exists already.", ex);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);
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
            .ToListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);

        // Events carry their call's tenant (the insert checks it), so this filter is the call's tenant check.
        return await db.Set<CallEvent>().AsNoTracking()
            .Where(e => e.CallId == callId && e.TenantId == tenantId)
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    private static async Task<CallChangeResult> SaveInTransactionAsync(TContext db, Statements statements, CallChange change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Inserted only if the tenant has the call, and only once per (call, deduplication key): the unique key decides,
        // and a concurrent copy on another connection waits for this transaction, then inserts nothing.
        if (!await statements.InsertEvent.ExecuteAsync(db, change.Event, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            var known = await db.Set<Call>().AnyAsync(c => c.Id == change.CallId && c.TenantId == change.TenantId, cancellationToken);
            return known ? CallChangeResult.Duplicate : CallChangeResult.NotFound;
        }

        if (change.Next is { } next)
        {
            var updated = await statements.UpdateCall.ExecuteAsync(db, change.CallId, change.TenantId, change.ExpectedVersion, next, cancellationToken);
            if (updated == 0)
            {
                // The event insert proved the call is the tenant's: only the version can have moved on.
                await transaction.RollbackAsync(cancellationToken);
                return CallChangeResult.Conflict;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return CallChangeResult.Saved;
    }

    private Statements StatementsFor(TContext db)
    {
        var model = db.Model;
        var statements = _statements;
        if (statements is null || !ReferenceEquals(statements.Model, model))
        {
            _statements = statements = new Statements(model, db.GetService<ISqlGenerationHelper>());
        }

        return statements;
    }

    private sealed class Statements
    {
        public Statements(IModel model, ISqlGenerationHelper sql)
        {
            Model = model;
            var calls = model.FindEntityType(typeof(Call)) ?? throw CallTrackingModelMissing.For(typeof(Call));
            var table = StoreObjectIdentifier.Table(calls.GetTableName()!, calls.GetSchema());
            string Column(IReadOnlyEntityType type, string property, StoreObjectIdentifier at) => type.FindProperty(property)!.GetColumnName(at)!;
            var events = model.FindEntityType(typeof(CallEvent)) ?? throw CallTrackingModelMissing.For(typeof(CallEvent));
            var eventTable = StoreObjectIdentifier.Table(events.GetTableName()!, events.GetSchema());

            InsertCall = InsertStatement.For<Call>(model, sql);
            UpdateCall = UpdateStatement.For(model, sql);
            InsertEvent = InsertStatement.For<CallEvent>(
                model,
                sql,
                conflictTarget: [Column(events, nameof(CallEvent.CallId), eventTable), Column(events, nameof(CallEvent.DeduplicationKey), eventTable)],
                guard: (calls, [(Column(calls, nameof(Call.Id), table), nameof(CallEvent.CallId)), (Column(calls, nameof(Call.TenantId), table), nameof(CallEvent.TenantId))]));
        }

        public IModel Model { get; }

        public InsertStatement InsertCall { get; }

        public InsertStatement InsertEvent { get; }

        public UpdateStatement UpdateCall { get; }
    }
}
