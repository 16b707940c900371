namespace TwilioCallTracking.StoreTests;

/// <summary>
/// Drives <see cref="ICallStore.ChangeAsync"/> the way store tests want to: "create this call" and "apply this change if
/// the call is still at that version". Both go through the store's one atomic operation.
/// </summary>
public static class CallStoreTestExtensions
{
    /// <summary>
    /// Adds <paramref name="call"/> with its first event unless the tenant has a call with its SID already (then returns
    /// that one). A conflict with a concurrent create of the same SID is read again, as the library's services do.
    /// </summary>
    /// <param name="store">The store under test.</param>
    /// <param name="call">The call to add.</param>
    /// <param name="firstEvent">Its first event.</param>
    public static async Task<CallCreateResult> CreateAsync(this ICallStore store, Call call, CallEvent firstEvent)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(call);
        var change = new CallChange
        {
            TenantId = call.TenantId,
            CallSid = call.TwilioCallSid,
            CallId = call.Id,
            Decide = (current, _) => current is null ? new CallDecision(call, firstEvent) : CallDecision.None,
        };

        var result = await store.ChangeAsync(change);
        for (var attempt = 0; result.Outcome == CallChangeOutcome.Conflict && attempt < 20; attempt++)
        {
            result = await store.ChangeAsync(change);
        }

        return new CallCreateResult(result.Outcome == CallChangeOutcome.Saved, result.Call);
    }

    /// <summary>Applies <paramref name="change"/> if the call is still at <see cref="VersionedChange.ExpectedVersion"/>.</summary>
    /// <param name="store">The store under test.</param>
    /// <param name="change">The change.</param>
    public static async Task<SaveOutcome> SaveChangeAsync(this ICallStore store, VersionedChange change)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        if (change.Event.TenantId != change.TenantId || change.Event.CallId != change.CallId)
        {
            return SaveOutcome.NotFound;
        }

        var stale = false;
        var result = await store.ChangeAsync(new CallChange
        {
            TenantId = change.TenantId,
            CallId = change.CallId,
            Decide = (current, _) =>
            {
                stale = current is not null && change.Next is not null && current.Version != change.ExpectedVersion;
                return current is null || stale ? CallDecision.None : new CallDecision(change.Next ?? current, change.Event);
            },
        });
        return result.Outcome switch
        {
            CallChangeOutcome.Saved => SaveOutcome.Saved,
            CallChangeOutcome.Duplicate => SaveOutcome.Duplicate,
            CallChangeOutcome.Conflict => SaveOutcome.Conflict,
            _ => stale ? SaveOutcome.Conflict : SaveOutcome.NotFound,
        };
    }
}
