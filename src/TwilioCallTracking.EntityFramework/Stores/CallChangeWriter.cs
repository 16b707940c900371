using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Group commit for <see cref="ICallStore.ChangeAsync"/>: callers queue their change; a caller that finds a writer slot
/// free becomes the writer and applies whatever is queued (its own change included) in one transaction on one
/// connection, each change as one read of the call and one guarded write, and the notifications of the changes saved
/// (<see cref="CallDecision.Notifications"/>) as one multi-row insert per tenant of the batch. Nobody waits on a timer:
/// at low load a batch is one change, applied on the caller's own thread. Every caller is answered only after the transaction holding
/// its change has committed. When a batch fails as a whole, nothing of it was committed, and each of its changes is
/// applied again on its own, so one bad change fails only its own caller; when it fails because the database cannot
/// serve now, every change of it fails at once (<see cref="StoreUnavailableException"/>). A caller waits only as long as
/// its token allows (a webhook's store budget), even for a write it started itself: a stuck write goes on without it,
/// bounded by the command timeout, and a change no writer took yet is dropped.
/// </summary>
/// <remarks>
/// One writer slot per store: SQLite has one writer per database file anyway (and this process's other SQLite writes
/// queue with it through <see cref="SqliteWriteGate"/>); on PostgreSQL, two slots measured half the throughput of one
/// (1,209 against 676 webhooks/s at 64 concurrent), because concurrent batches wait on each other's call rows and then
/// find them changed. Several hosts still write at once: each batch takes its calls in one order (by SID or id), so two
/// batches never wait on each other's rows in a circle, and a change that finds its call changed is applied again.
/// On PostgreSQL a batch of several changes is planned (<see cref="PlannedChanges"/>): two reads and one round trip of
/// writes (the notifications' multi-row insert included), whatever the batch's size.
/// </remarks>
internal sealed class CallChangeWriter<TContext>(CallTrackingContexts<TContext> contexts)
    where TContext : DbContext
{
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<PendingChange> _queue = new();
    private CallStatements<TContext>? _statements;
    private int _busy;
    private volatile bool _completed;

    /// <summary>Stops taking changes; those already queued are still written.</summary>
    public void Complete() => _completed = true;

    public CallStatements<TContext> Statements(TContext db) => CallStatements<TContext>.For(db, ref _statements);

    public async Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var pending = new PendingChange(change);
        _queue.Enqueue(pending);
        try
        {
            // This caller may become the writer. It waits for that write, as for anyone else's, only as long as its token
            // allows: a write stuck on the database goes on without it, bounded by the command timeout.
            var drain = DrainAsync(pending);
            if (!drain.IsCompleted)
            {
                await drain.WaitAsync(cancellationToken);
            }

            // Written by this caller itself (always so at low load): already complete, no wait, no hop to another thread.
            return await pending.Result.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A change no writer took yet is never written. One a writer has may still commit after this caller gave up:
            // the caller says nothing was stored for sure, and a retry finds the change (its event is then a duplicate).
            pending.TryAbandon();
            throw;
        }
    }

    /// <summary>
    /// Writes queued batches while a writer slot is free and <paramref name="own"/> (when given) is not answered yet.
    /// Whoever leaves work in the queue hands it to the thread pool, so a caller never serves others for long.
    /// </summary>
    private async Task DrainAsync(PendingChange? own)
    {
        var wrote = false;
        while ((own is null || !own.Result.IsCompleted) && !_queue.IsEmpty && TryEnterSlot())
        {
            wrote = true;
            try
            {
                while ((own is null || !own.Result.IsCompleted) && TakeBatch() is { } batch)
                {
                    await WriteAsync(batch);
                }
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }

        if (wrote && own is not null && !_queue.IsEmpty)
        {
            // Checked after leaving the slot: a change queued while this caller wrote was either seen here, or its own
            // caller found the slot free. Whatever is left is written on the thread pool, not on this caller's time.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => DrainAsync(null));
            }
        }
    }

    private List<PendingChange>? TakeBatch()
    {
        List<PendingChange>? batch = null;
        while ((batch?.Count ?? 0) < MaxBatch && _queue.TryDequeue(out var pending))
        {
            if (pending.TryTake())
            {
                (batch ??= []).Add(pending);
            }
        }

        // One lock order for every batch: by call (stable, so one call's changes keep their arrival order).
        return batch is { Count: > 1 } ? [.. batch.OrderBy(p => p.Change.CallSid ?? p.Change.CallId?.ToString(), StringComparer.Ordinal)] : batch;
    }

    private bool TryEnterSlot() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    private async Task WriteAsync(List<PendingChange> batch)
    {
        try
        {
            var results = await CommitAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(results[i]);
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // The database cannot serve now (down, locked by another process past the busy timeout, slower than the command
            // timeout): nothing was committed. Applying the changes one by one would only wait again, change after change,
            // while the webhooks behind them queue: every caller hears it at once, and Twilio retries.
            foreach (var pending in batch)
            {
                pending.Fail(DatabaseErrors.Unavailable(ex));
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Nothing of the batch was committed. Apply each change alone: only a change that fails alone fails its caller.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsTransientConflict(ex))
        {
            // The database broke a deadlock or a serialization failure by aborting the transaction: read again and retry.
            batch[0].Complete(new CallChangeResult(CallChangeOutcome.Conflict, null));
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            var change = batch[0].Change;
            batch[0].Fail(new InvalidOperationException(
                $"The change to call {change.CallSid ?? change.CallId?.ToString()} breaks a unique key: its SID belongs to another call, or its event exists already.", ex));
        }
        catch (Exception ex)
        {
            batch[0].Fail(ex);
        }
    }

    private async Task<CallChangeResult[]> CommitAsync(List<PendingChange> batch)
    {
        await using var db = await contexts.CreateAsync(batch[0].Change.TenantId, CancellationToken.None);
        var statements = Statements(db);
        using var gate = await SqliteWriteGate.EnterAsync(db, contexts.CommandTimeout);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async cancellationToken =>
            {
                if (batch.Count > 1 && CallTrackingProviders.IsPostgreSql(db))
                {
                    await using var planned = await db.Database.BeginTransactionAsync(cancellationToken);
                    if (await PlannedAsync(db, statements, batch, cancellationToken) is { } results)
                    {
                        await planned.CommitAsync(cancellationToken);
                        return results;
                    }

                    // The database moved on since the plan's reads: nothing of the plan stays; change by change instead.
                    await planned.RollbackAsync(cancellationToken);
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var applied = new CallChangeResult[batch.Count];
                var tenants = new TenantSwitch(db);
                var notifications = new List<CallNotification>();
                for (var i = 0; i < batch.Count; i++)
                {
                    var change = batch[i].Change;
                    await tenants.SwitchAsync(change.TenantId, cancellationToken);
                    applied[i] = await ApplyAsync(db, statements, change, notifications, cancellationToken);
                }

                // The saved changes' notifications, in the same transaction: one multi-row insert per tenant of the batch.
                foreach (var tenant in notifications.GroupBy(n => n.TenantId, StringComparer.Ordinal))
                {
                    await tenants.SwitchAsync(tenant.Key, cancellationToken);
                    await statements.InsertNotifications.ExecuteAsync(db, tenant.ToList(), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return applied;
            },
            CancellationToken.None);
    }

    // One tenant's changes at a time (in arrival order within the tenant), each tenant's as one planned write.
    private static async Task<CallChangeResult[]?> PlannedAsync(TContext db, CallStatements<TContext> statements, List<PendingChange> batch, CancellationToken cancellationToken)
    {
        var results = new CallChangeResult[batch.Count];
        var tenants = new TenantSwitch(db);
        foreach (var group in batch.Select((pending, index) => (pending.Change, index)).GroupBy(p => p.Change.TenantId, StringComparer.Ordinal))
        {
            await tenants.SwitchAsync(group.Key, cancellationToken);
            var changes = group.Select(p => p.Change).ToList();
            if (await PlannedChanges.TryApplyAsync(db, statements, group.Key, changes, cancellationToken) is not { } planned)
            {
                return null;
            }

            var k = 0;
            foreach (var (_, index) in group)
            {
                results[index] = planned[k++];
            }
        }

        return results;
    }

    // Applies one change; the notifications of a change that is saved are added to saved, for the caller to insert.
    private static async Task<CallChangeResult> ApplyAsync(
        TContext db, CallStatements<TContext> statements, CallChange change, List<CallNotification> saved, CancellationToken cancellationToken)
    {
        var tenantId = change.TenantId;
        var current = change.CallSid is { } sid ? await statements.FindBySidAsync(db, sid, tenantId, cancellationToken) : null;
        if (current is null && change.CallId is { } id
            && await statements.FindByIdAsync(db, id, tenantId, cancellationToken) is { } byId
            && change.IsSameCall(byId))
        {
            current = byId;
        }

        var parent = current is null && change.ParentCallSid is { } parentSid ? await statements.FindBySidAsync(db, parentSid, tenantId, cancellationToken) : null;
        var decision = change.Decide(current, parent);
        var (next, evt) = decision;
        if (evt is null || (next is null && current is null))
        {
            return new CallChangeResult(CallChangeOutcome.Unchanged, current);
        }

        CallChangeGuard.Check(tenantId, current, decision);

        if (current is null)
        {
            var created = CallChangeGuard.Normalized(next!) with { Version = 1 };

            // The unique SID (and the primary key) decide: a second copy of the same new call inserts nothing.
            if (!await statements.InsertCall.ExecuteAsync(db, created, cancellationToken))
            {
                // Asked within the tenant only (row-level security would hide any other): the tenant's own call with the
                // SID was created meanwhile (apply again); else the SID is another tenant's (nothing for this one).
                if (created.TwilioCallSid is { } newSid && await statements.FindBySidAsync(db, newSid, tenantId, cancellationToken) is not null)
                {
                    return new CallChangeResult(CallChangeOutcome.Conflict, null);
                }

                return created.TwilioCallSid is null || await statements.FindByIdAsync(db, created.Id, tenantId, cancellationToken) is not null
                    ? throw new InvalidOperationException($"A call with id {created.Id} exists already.")
                    : new CallChangeResult(CallChangeOutcome.Unchanged, null);
            }

            await statements.InsertEvent.ExecuteAsync(db, evt, cancellationToken);
            saved.AddRange(decision.Notifications);
            return new CallChangeResult(CallChangeOutcome.Saved, created);
        }

        if (!await statements.InsertEvent.ExecuteAsync(db, evt, cancellationToken))
        {
            return new CallChangeResult(CallChangeOutcome.Duplicate, current);
        }

        if (next is null || next.Equals(current))
        {
            saved.AddRange(decision.Notifications);
            return new CallChangeResult(CallChangeOutcome.Saved, current);
        }

        var stored = CallChangeGuard.Normalized(next);
        if (await statements.UpdateCall.ExecuteAsync(db, current.Id, tenantId, current.Version, stored, cancellationToken) == 0)
        {
            // Another connection changed the call since it was read (the event insert proved it is the tenant's).
            await statements.DeleteEventAsync(db, evt.Id, cancellationToken);
            return new CallChangeResult(CallChangeOutcome.Conflict, null);
        }

        saved.AddRange(decision.Notifications);
        return new CallChangeResult(CallChangeOutcome.Saved, stored with { Version = current.Version + 1 });
    }

    /// <summary>
    /// Points the context (its query filters) and, on PostgreSQL, the transaction (row-level security reads the tenant
    /// from it) at the tenant whose changes come next: once per tenant and transaction, the first time included.
    /// </summary>
    private sealed class TenantSwitch(TContext db)
    {
        private string? _current;

        public async Task SwitchAsync(string tenantId, CancellationToken cancellationToken)
        {
            if (!string.Equals(tenantId, _current, StringComparison.Ordinal))
            {
                await TenantSession.EnterAsync(db, tenantId, cancellationToken);
                _current = tenantId;
            }
        }
    }
}
