using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// A thread-safe <see cref="ICallStore"/> in process memory: the default when no other store is registered, and the
/// reference the other stores are tested against. Data is lost when the process ends.
/// </summary>
public sealed class InMemoryCallStore : ICallStore, ICallReconciliationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Call> _calls = [];
    private readonly Dictionary<string, Guid> _callsBySid = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<CallEvent>> _events = [];
    private readonly HashSet<(Guid CallId, string Key)> _eventKeys = [];
    private readonly Dictionary<Guid, ReconciliationState> _reconciliation = [];

    /// <inheritdoc/>
    public Task<CallCreateResult> CreateAsync(Call call, CallEvent firstEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(firstEvent);
        lock (_gate)
        {
            if (call.TwilioCallSid is { } sid && _callsBySid.TryGetValue(sid, out var existingId))
            {
                var existing = _calls[existingId];
                return Task.FromResult(new CallCreateResult(false, existing.TenantId == call.TenantId ? existing.Clone() : null));
            }

            if (_calls.ContainsKey(call.Id))
            {
                throw new InvalidOperationException($"A call with id {call.Id} exists already.");
            }

            var stored = call.Clone();
            stored.Version = 1;
            _calls[stored.Id] = stored;
            if (stored.TwilioCallSid is { } newSid)
            {
                _callsBySid[newSid] = stored.Id;
            }

            _events[stored.Id] = [firstEvent.Clone()];
            _eventKeys.Add((stored.Id, firstEvent.DeduplicationKey));
            return Task.FromResult(new CallCreateResult(true, stored.Clone()));
        }
    }

    /// <inheritdoc/>
    public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_calls.TryGetValue(callId, out var call) && call.TenantId == tenantId ? call.Clone() : null);
        }
    }

    /// <inheritdoc/>
    public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _callsBySid.TryGetValue(callSid, out var id) && _calls[id] is var call && call.TenantId == tenantId ? call.Clone() : null);
        }
    }

    /// <inheritdoc/>
    public Task<CallChangeResult> SaveChangeAsync(CallChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_calls.TryGetValue(change.CallId, out var current) || current.TenantId != change.TenantId
                || change.Event.TenantId != change.TenantId || change.Event.CallId != change.CallId)
            {
                return Task.FromResult(CallChangeResult.NotFound);
            }

            if (_eventKeys.Contains((change.CallId, change.Event.DeduplicationKey)))
            {
                return Task.FromResult(CallChangeResult.Duplicate);
            }

            if (change.Next is { } next)
            {
                if (current.Version != change.ExpectedVersion)
                {
                    return Task.FromResult(CallChangeResult.Conflict);
                }

                if (next.TwilioCallSid is { } sid && sid != current.TwilioCallSid)
                {
                    if (_callsBySid.ContainsKey(sid))
                    {
                        throw new InvalidOperationException($"The call SID {sid} belongs to another call.");
                    }

                    _callsBySid[sid] = current.Id;
                }

                var stored = next.Clone();
                stored.Id = current.Id;
                stored.TenantId = current.TenantId;
                stored.Version = current.Version + 1;
                _calls[stored.Id] = stored;
            }

            _events[change.CallId].Add(change.Event.Clone());
            _eventKeys.Add((change.CallId, change.Event.DeduplicationKey));
            return Task.FromResult(CallChangeResult.Saved);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<Call> page = _calls.Values
                .Where(c => c.TenantId == tenantId && query.Matches(c))
                .OrderByDescending(c => c.CreatedAt)
                .ThenByDescending(c => c.Id)
                .Take(query.EffectivePageSize)
                .Select(c => c.Clone())
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CallEvent> events = _calls.TryGetValue(callId, out var call) && call.TenantId == tenantId
                ? _events[callId].OrderBy(e => e.CreatedAt).Select(e => e.Clone()).ToList()
                : [];
            return Task.FromResult(events);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            var claimed = new List<ReconciliationLease>();
            foreach (var call in _calls.Values.OrderBy(c => c.CreatedAt))
            {
                if (claimed.Count >= criteria.BatchSize)
                {
                    break;
                }

                var state = _reconciliation.GetValueOrDefault(call.Id);
                if ((state.LeaseExpiresAt is { } expires && expires > criteria.Now) || !criteria.IsDue(call, state.Attempts, state.NextAttemptAt))
                {
                    continue;
                }

                var lease = new ReconciliationLease(call.Clone(), Guid.NewGuid(), state.Attempts);
                _reconciliation[call.Id] = state with { LeaseId = lease.LeaseId, LeaseExpiresAt = criteria.LeaseExpiresAt };
                claimed.Add(lease);
            }

            return Task.FromResult<IReadOnlyList<ReconciliationLease>>(claimed);
        }
    }

    /// <inheritdoc/>
    public Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (!_reconciliation.TryGetValue(lease.Call.Id, out var state) || state.LeaseId != lease.LeaseId)
            {
                return Task.FromResult(false);
            }

            _reconciliation[lease.Call.Id] = new ReconciliationState(attempts, nextAttemptAt ?? DateTimeOffset.MaxValue, null, null);
            return Task.FromResult(true);
        }
    }

    private readonly record struct ReconciliationState(int Attempts, DateTimeOffset? NextAttemptAt, Guid? LeaseId, DateTimeOffset? LeaseExpiresAt);
}
