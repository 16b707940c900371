using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// PostgreSQL's fast path for a batch of one tenant's changes: two reads (the calls the changes name, then which of
/// their events exist already), every decision in memory in arrival order, and every insert and update in one round
/// trip (a <see cref="DbBatch"/>), the notifications of the saved changes as one multi-row insert of that batch. When
/// the database disagrees with the plan (another host created or changed a call, or stored the same event, since the
/// reads), it returns <see langword="null"/>: the caller rolls the transaction back (the notifications with it) and
/// applies the batch change by change, which handles each of those cases.
/// </summary>
internal static class PlannedChanges
{
    public static async Task<CallChangeResult[]?> TryApplyAsync<TContext>(
        TContext db, CallStatements<TContext> statements, string tenantId, IReadOnlyList<CallChange> changes, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var sids = changes.SelectMany(c => new[] { c.CallSid, c.ParentCallSid }).OfType<string>().Distinct().ToList();
        var ids = changes.Select(c => c.CallId).OfType<Guid>().Distinct().ToList();
        var stored = await db.Set<Call>().AsNoTracking()
            .Where(c => c.TenantId == tenantId && ((c.TwilioCallSid != null && sids.Contains(c.TwilioCallSid)) || ids.Contains(c.Id)))
            .ToListAsync(cancellationToken);

        // The events the changes would add to calls that exist, to ask the database which of them it has already.
        var plan = Plan(statements, tenantId, changes, stored, []);
        var callIds = plan.EventsOfStoredCalls.Select(e => e.CallId).Distinct().ToList();
        if (callIds.Count > 0)
        {
            var keys = plan.EventsOfStoredCalls.Select(e => e.DeduplicationKey).Distinct().ToList();
            var existing = await db.Set<CallEvent>().AsNoTracking()
                .Where(e => e.TenantId == tenantId && callIds.Contains(e.CallId) && keys.Contains(e.DeduplicationKey))
                .Select(e => new { e.CallId, e.DeduplicationKey })
                .ToListAsync(cancellationToken);
            if (existing.Count > 0)
            {
                plan = Plan(statements, tenantId, changes, stored, [.. existing.Select(e => (e.CallId, e.DeduplicationKey))]);
            }
        }

        plan.AddNotifications(statements.InsertNotifications);
        return plan.Writes.Count == 0 || await WriteAsync(db, plan.Writes, cancellationToken) ? plan.Results : null;
    }

    private static Planned Plan<TContext>(
        CallStatements<TContext> statements, string tenantId, IReadOnlyList<CallChange> changes, List<Call> stored, HashSet<(Guid, string)> keys)
        where TContext : DbContext
    {
        var storedIds = stored.Select(c => c.Id).ToHashSet();
        var byId = stored.ToDictionary(c => c.Id);
        var bySid = stored.Where(c => c.TwilioCallSid is not null).ToDictionary(c => c.TwilioCallSid!, StringComparer.Ordinal);
        var planned = new Planned(new CallChangeResult[changes.Count]);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            Call? current = null;
            if (change.CallSid is { } sid && bySid.TryGetValue(sid, out var found))
            {
                current = found;
            }
            else if (change.CallId is { } id && byId.TryGetValue(id, out var byIdCall) && change.IsSameCall(byIdCall))
            {
                current = byIdCall;
            }

            var parent = current is null && change.ParentCallSid is { } parentSid ? bySid.GetValueOrDefault(parentSid) : null;
            var decision = change.Decide(current, parent);
            var (next, evt) = decision;
            if (evt is null || (next is null && current is null))
            {
                planned.Results[i] = new CallChangeResult(CallChangeOutcome.Unchanged, current);
                continue;
            }

            CallChangeGuard.Check(tenantId, current, decision);
            Call result;
            if (current is null)
            {
                result = CallChangeGuard.Normalized(next!) with { Version = 1 };
                planned.Writes.Add(new(statements.InsertCall.PositionalSql, f => statements.InsertCall.Parameters(f, result), 1));
                planned.Writes.Add(new(statements.InsertEvent.PositionalSql, f => statements.InsertEvent.Parameters(f, evt), 1));
                keys.Add((result.Id, evt.DeduplicationKey));
            }
            else if (!keys.Add((current.Id, evt.DeduplicationKey)))
            {
                planned.Results[i] = new CallChangeResult(CallChangeOutcome.Duplicate, current);
                continue;
            }
            else
            {
                if (storedIds.Contains(current.Id))
                {
                    planned.EventsOfStoredCalls.Add(evt);
                }

                planned.Writes.Add(new(statements.InsertEvent.PositionalSql, f => statements.InsertEvent.Parameters(f, evt), 1));
                result = current;
                if (next is not null && !next.Equals(current))
                {
                    var expected = current.Version;
                    var written = CallChangeGuard.Normalized(next);
                    result = written with { Version = expected + 1 };
                    planned.Writes.Add(new(statements.UpdateCall.PositionalSql, f => statements.UpdateCall.Parameters(f, written.Id, tenantId, expected, written), 1));
                }
            }

            if (current?.TwilioCallSid is { } oldSid && oldSid != result.TwilioCallSid)
            {
                bySid.Remove(oldSid);
            }

            byId[result.Id] = result;
            if (result.TwilioCallSid is { } newSid)
            {
                bySid[newSid] = result;
            }

            planned.Results[i] = new CallChangeResult(CallChangeOutcome.Saved, result);
            planned.Notifications.AddRange(decision.Notifications);
        }

        return planned;
    }

    // Every statement must write exactly its rows; anything else means the database moved on since the reads.
    private static async Task<bool> WriteAsync(DbContext db, List<Write> writes, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var batch = connection.CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        batch.Timeout = db.Database.GetCommandTimeout() ?? batch.Timeout;
        await using var factory = connection.CreateCommand();
        foreach (var (sql, parameters, _) in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var parameter in parameters(factory))
            {
                parameter.ParameterName = string.Empty;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands.Select((c, i) => c.RecordsAffected == writes[i].Rows).All(written => written);
    }

    private sealed record Planned(CallChangeResult[] Results)
    {
        public List<Write> Writes { get; } = [];

        public List<CallEvent> EventsOfStoredCalls { get; } = [];

        public List<CallNotification> Notifications { get; } = [];

        /// <summary>Adds the saved changes' notifications to the writes: one multi-row insert (per <see cref="InsertStatement.MaxRows"/>).</summary>
        public void AddNotifications(InsertStatement insert)
        {
            foreach (var rows in Notifications.Chunk(InsertStatement.MaxRows))
            {
                Writes.Add(new(insert.MultiRowSql(rows.Length, positional: true), f => insert.Parameters(f, rows), rows.Length));
            }
        }
    }

    /// <summary>One statement of the planned write, and how many rows it must write.</summary>
    private readonly record struct Write(string Sql, Func<DbCommand, DbParameter[]> Parameters, int Rows);
}
