using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TwilioCallTracking.EntityFramework;

/// <summary>The SQL of one call change, built once per model: reads, the guarded inserts, the versioned update, the notifications' insert.</summary>
internal sealed class CallStatements<TContext>
    where TContext : DbContext
{
    // Compiled per model: a compiled query is bound to the model it first ran with.
    private readonly Func<TContext, Guid, string, CancellationToken, Task<Call?>> _byId =
        EF.CompileAsyncQuery((TContext db, Guid id, string tenantId, CancellationToken _) =>
            db.Set<Call>().AsNoTracking().FirstOrDefault(c => c.Id == id && c.TenantId == tenantId));

    private readonly Func<TContext, string, string, CancellationToken, Task<Call?>> _bySid =
        EF.CompileAsyncQuery((TContext db, string sid, string tenantId, CancellationToken _) =>
            db.Set<Call>().AsNoTracking().FirstOrDefault(c => c.TwilioCallSid == sid && c.TenantId == tenantId));

    private readonly string _deleteEvent;
    private readonly RelationalTypeMapping _eventId;

    private CallStatements(IModel model, ISqlGenerationHelper sql)
    {
        Model = model;
        var calls = model.FindEntityType(typeof(Call)) ?? throw CallTrackingModelMissing.For(typeof(Call));
        var table = StoreObjectIdentifier.Table(calls.GetTableName()!, calls.GetSchema());
        var events = model.FindEntityType(typeof(CallEvent)) ?? throw CallTrackingModelMissing.For(typeof(CallEvent));
        var eventTable = StoreObjectIdentifier.Table(events.GetTableName()!, events.GetSchema());
        string Column(IReadOnlyEntityType type, string property, StoreObjectIdentifier at) => type.FindProperty(property)!.GetColumnName(at)!;

        InsertCall = InsertStatement.For<Call>(model, sql);
        UpdateCall = UpdateStatement.For(model, sql);

        // Inserted only if the tenant has the call, and only once per (call, deduplication key): the unique key decides,
        // and a concurrent copy on another connection waits for this transaction, then inserts nothing.
        InsertEvent = InsertStatement.For<CallEvent>(
            model,
            sql,
            conflictTarget: [Column(events, nameof(CallEvent.CallId), eventTable), Column(events, nameof(CallEvent.DeduplicationKey), eventTable)],
            guard: (calls, [(Column(calls, nameof(Call.Id), table), nameof(CallEvent.CallId)), (Column(calls, nameof(Call.TenantId), table), nameof(CallEvent.TenantId))]));
        // Written only after the change's event was: its rows come with the change, many to one statement.
        InsertNotifications = InsertStatement.For<CallNotification>(model, sql);
        _eventId = events.FindProperty(nameof(CallEvent.Id))!.GetRelationalTypeMapping();
        _deleteEvent = $"DELETE FROM {sql.DelimitIdentifier(eventTable.Name, eventTable.Schema)} WHERE {sql.DelimitIdentifier(Column(events, nameof(CallEvent.Id), eventTable))} = {{0}}";
    }

    public IModel Model { get; }

    public InsertStatement InsertCall { get; }

    public InsertStatement InsertEvent { get; }

    public UpdateStatement UpdateCall { get; }

    /// <summary>The multi-row insert of the notifications of saved changes (<see cref="InsertStatement.MultiRowSql"/>).</summary>
    public InsertStatement InsertNotifications { get; }

    public static CallStatements<TContext> For(TContext db, ref CallStatements<TContext>? cached)
    {
        var statements = cached;
        if (statements is null || !ReferenceEquals(statements.Model, db.Model))
        {
            cached = statements = new CallStatements<TContext>(db.Model, db.GetService<ISqlGenerationHelper>());
        }

        return statements;
    }

    public Task<Call?> FindByIdAsync(TContext db, Guid id, string tenantId, CancellationToken cancellationToken) => _byId(db, id, tenantId, cancellationToken);

    public Task<Call?> FindBySidAsync(TContext db, string sid, string tenantId, CancellationToken cancellationToken) => _bySid(db, sid, tenantId, cancellationToken);

    /// <summary>Takes back an event inserted earlier in the same transaction (its call's update lost the race).</summary>
    public Task<int> DeleteEventAsync(TContext db, Guid eventId, CancellationToken cancellationToken)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        DbParameter[] parameters = [_eventId.CreateParameter(command, "p0", eventId, false)];
        return db.Database.ExecuteSqlRawAsync(_deleteEvent, parameters, cancellationToken);
    }
}
