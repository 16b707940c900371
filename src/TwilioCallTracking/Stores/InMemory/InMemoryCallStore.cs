using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// A thread-safe <see cref="ICallStore"/> in process memory: the default when no other store is registered, and the
/// reference the other stores are tested against. Data is lost when the process ends.
/// </summary>
public sealed partial class InMemoryCallStore : ICallStore, ICallReconciliationStore, ICallNotificationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Call> _calls = [];
    private readonly Dictionary<string, Guid> _callsBySid = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<CallEvent>> _events = [];
    private readonly HashSet<(Guid CallId, string Key)> _eventKeys = [];
    private readonly Dictionary<Guid, ReconciliationState> _reconciliation = [];

    /// <inheritdoc/>
    public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var current = Find(change);
            var parent = current is null && change.ParentCallSid is { } parentSid ? FindBySid(change.TenantId, parentSid) : null;
            var decision = change.Decide(current, parent);
            var (next, evt) = decision;
            if (evt is null || next is null && current is null)
            {
                return Task.FromResult(new CallChangeResult(CallChangeOutcome.Unchanged, current));
            }

            var target = current ?? next!;
            if (evt.CallId != target.Id || evt.TenantId != target.TenantId || target.TenantId != change.TenantId)
            {
                throw new ArgumentException("The event and the call's next state must belong to the call (same id and tenant).", nameof(change));
            }

            if (current is null)
            {
                var inserted = Insert(next!, evt);
                if (inserted.Outcome == CallChangeOutcome.Saved)
                {
                    AddNotifications(decision.Notifications);
                }

                return Task.FromResult(inserted);
            }

            if (_eventKeys.Contains((current.Id, evt.DeduplicationKey)))
            {
                return Task.FromResult(new CallChangeResult(CallChangeOutcome.Duplicate, current));
            }

            var stored = current;
            if (next is not null && !next.Equals(current))
            {
                if (next.Id != current.Id || next.TenantId != current.TenantId)
                {
                    throw new ArgumentException("The call's next state must keep its id and tenant.", nameof(change));
                }

                if (next.TwilioCallSid is { } sid && sid != current.TwilioCallSid)
                {
                    if (_callsBySid.ContainsKey(sid))
                    {
                        throw new InvalidOperationException($"The call SID {sid} belongs to another call.");
                    }

                    _callsBySid[sid] = current.Id;
                }

                stored = next with { Version = current.Version + 1 };
                _calls[stored.Id] = stored;
            }

            _events[current.Id].Add(evt with { });
            _eventKeys.Add((current.Id, evt.DeduplicationKey));
            AddNotifications(decision.Notifications);
            return Task.FromResult(new CallChangeResult(CallChangeOutcome.Saved, stored with { }));
        }
    }

    /// <inheritdoc/>
    public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_calls.TryGetValue(callId, out var call) && call.TenantId == tenantId ? call with { } : null);
        }
    }

    /// <inheritdoc/>
    public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(FindBySid(tenantId, callSid));
        }
    }

    private CallChangeResult Insert(Call call, CallEvent firstEvent)
    {
        if (call.TwilioCallSid is { } sid && _callsBySid.TryGetValue(sid, out var existingId))
        {
            // Another tenant's SID: nothing for this tenant. (This tenant's would have been found by the lookup.)
            return new CallChangeResult(CallChangeOutcome.Unchanged, _calls[existingId].TenantId == call.TenantId ? _calls[existingId] with { } : null);
        }

        if (_calls.ContainsKey(call.Id))
        {
            throw new InvalidOperationException($"A call with id {call.Id} exists already.");
        }

        var stored = call with { Version = 1 };
        _calls[stored.Id] = stored;
        if (stored.TwilioCallSid is { } newSid)
        {
            _callsBySid[newSid] = stored.Id;
        }

        _events[stored.Id] = [firstEvent with { }];
        _eventKeys.Add((stored.Id, firstEvent.DeduplicationKey));
        return new CallChangeResult(CallChangeOutcome.Saved, stored with { });
    }

    private Call? Find(CallChange change) =>
        (change.CallSid is { } sid ? FindBySid(change.TenantId, sid) : null)
        ?? (change.CallId is { } id && _calls.TryGetValue(id, out var byId) && byId.TenantId == change.TenantId && change.IsSameCall(byId) ? byId with { } : null);

    private Call? FindBySid(string tenantId, string callSid) =>
        _callsBySid.TryGetValue(callSid, out var id) && _calls[id] is var call && call.TenantId == tenantId ? call with { } : null;

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
                .Select(c => c with { })
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
                ? _events[callId].OrderBy(e => e.CreatedAt).Select(e => e with { }).ToList()
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

                var lease = new ReconciliationLease(call with { }, Guid.NewGuid(), state.Attempts);
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
