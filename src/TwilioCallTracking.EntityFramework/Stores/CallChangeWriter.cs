using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using TwilioCallTracking.EntityFramework.Configurations;

namespace TwilioCallTracking.EntityFramework.Stores;

/// <summary>
/// Group commit for <see cref="ICallStore.ChangeAsync"/>: callers queue their change and wait; a writer takes whatever
/// is queued when it frees up (never waiting on a timer: at low load a batch is one change) and applies the batch in
/// one transaction on one connection, each change as one read of the call and one guarded write. Every caller is
/// answered only after the transaction holding its change has committed. When a batch fails as a whole, nothing of it
/// was committed, and each of its changes is applied again on its own, so one bad change fails only its own caller.
/// </summary>
/// <remarks>
/// SQLite has one writer per database file, so one writer loop serves it (and queues behind this process's other
/// SQLite writes through <see cref="SqliteWriteGate"/>); other databases get a few loops, whose transactions run in
/// parallel and meet on the rows with the version check.
/// </remarks>
internal sealed class CallChangeWriter<TContext>(CallTrackingContexts<TContext> contexts)
    where TContext : DbContext
{
    private const int MaxBatch = 128;
    private const int ParallelWriters = 4;

    // The PostgreSQL setting that the row-level-security policies read (see CallTrackingRowLevelSecurity).
    private const string TenantSetting = "app.tenant_id";

    private readonly Channel<PendingChange> _queue = Channel.CreateUnbounded<PendingChange>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Lock _startGate = new();
    private CallStatements<TContext>? _statements;
    private bool _started;

    /// <summary>Lets the writer loops end once the queue is empty (the store is being disposed).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public CallStatements<TContext> Statements(TContext db) => CallStatements<TContext>.For(db, ref _statements);

    public async Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var pending = new PendingChange(change);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        try
        {
            return await pending.Result.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!pending.TryAbandon())
        {
            // A writer has the change already: its outcome is decided; wait for it rather than guess.
            return await pending.Result;
        }
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _started))
        {
            return;
        }

        lock (_startGate)
        {
            if (_started)
            {
                return;
            }

            int writers;
            using (var db = contexts.Create(null))
            {
                writers = SqliteWriteGate.For(db) is null ? ParallelWriters : 1;
            }

            using (ExecutionContext.SuppressFlow())
            {
                for (var i = 0; i < writers; i++)
                {
                    _ = Task.Run(WriteLoopAsync);
                }
            }

            Volatile.Write(ref _started, true);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingChange>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.TryTake())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
            }
        }
    }

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
        var gate = SqliteWriteGate.For(db);
        if (gate is not null)
        {
            await gate.WaitAsync();
        }

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                async cancellationToken =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var results = new CallChangeResult[batch.Count];
                    var sessionTenant = batch[0].Change.TenantId;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var change = batch[i].Change;
                        CallTrackingContexts<TContext>.Scope(db, change.TenantId);
                        if (change.TenantId != sessionTenant && db is ICallTrackingTenantContext && IsPostgreSql(db))
                        {
                            // Row-level security reads the tenant from the session: follow the batch from tenant to tenant.
                            await db.Database.ExecuteSqlRawAsync($"SELECT set_config('{TenantSetting}', {{0}}, false)", [change.TenantId], cancellationToken);
                            sessionTenant = change.TenantId;
                        }

                        results[i] = await ApplyAsync(db, statements, change, cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                    return results;
                },
                CancellationToken.None);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static async Task<CallChangeResult> ApplyAsync(TContext db, CallStatements<TContext> statements, CallChange change, CancellationToken cancellationToken)
    {
        var tenantId = change.TenantId;
        var current = change.CallSid is { } sid ? await statements.FindBySidAsync(db, sid, tenantId, cancellationToken) : null;
        if (current is null && change.CallId is { } id
            && await statements.FindByIdAsync(db, id, tenantId, cancellationToken) is { } byId
            && (change.CallSid is null || byId.TwilioCallSid is null || byId.TwilioCallSid == change.CallSid))
        {
            current = byId;
        }

        var parent = current is null && change.ParentCallSid is { } parentSid ? await statements.FindBySidAsync(db, parentSid, tenantId, cancellationToken) : null;
        var (next, evt) = change.Decide(current, parent);
        if (evt is null || (next is null && current is null))
        {
            return new CallChangeResult(CallChangeOutcome.Unchanged, current);
        }

        var target = current ?? next!;
        if (evt.CallId != target.Id || evt.TenantId != tenantId || target.TenantId != tenantId
            || (next is not null && (next.Id != target.Id || next.TenantId != tenantId)))
        {
            throw new ArgumentException("The event and the call's next state must belong to the call (same id and tenant).", nameof(change));
        }

        if (current is null)
        {
            var created = Normalized(next!) with { Version = 1 };

            // The unique SID (and the primary key) decide: a second copy of the same new call inserts nothing.
            if (!await statements.InsertCall.ExecuteAsync(db, created, cancellationToken))
            {
                var owner = created.TwilioCallSid is { } newSid ? await statements.FindOwnerOfSidAsync(db, newSid, cancellationToken) : null;
                CallTrackingContexts<TContext>.Scope(db, tenantId);
                return owner is null ? throw new InvalidOperationException($"A call with id {created.Id} exists already.")
                    : owner.TenantId == tenantId ? new CallChangeResult(CallChangeOutcome.Conflict, null)
                    : new CallChangeResult(CallChangeOutcome.Unchanged, null);
            }

            await statements.InsertEvent.ExecuteAsync(db, evt, cancellationToken);
            return new CallChangeResult(CallChangeOutcome.Saved, created);
        }

        if (!await statements.InsertEvent.ExecuteAsync(db, evt, cancellationToken))
        {
            return new CallChangeResult(CallChangeOutcome.Duplicate, current);
        }

        if (next is null || next.Equals(current))
        {
            return new CallChangeResult(CallChangeOutcome.Saved, current);
        }

        var stored = Normalized(next);
        if (await statements.UpdateCall.ExecuteAsync(db, current.Id, tenantId, current.Version, stored, cancellationToken) == 0)
        {
            // Another connection changed the call since it was read (the event insert proved it is the tenant's).
            await statements.DeleteEventAsync(db, evt.Id, cancellationToken);
            return new CallChangeResult(CallChangeOutcome.Conflict, null);
        }

        return new CallChangeResult(CallChangeOutcome.Saved, stored with { Version = current.Version + 1 });
    }

    private static bool IsPostgreSql(TContext db) =>
        string.Equals(db.Database.ProviderName, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal);

    // What the database keeps of the timestamps, so the call handed back equals the row.
    private static Call Normalized(Call call) => call with
    {
        CreatedAt = CallTrackingConverters.Stored(call.CreatedAt),
        AnsweredAt = call.AnsweredAt is { } answered ? CallTrackingConverters.Stored(answered) : null,
        EndedAt = call.EndedAt is { } ended ? CallTrackingConverters.Stored(ended) : null,
    };
}
