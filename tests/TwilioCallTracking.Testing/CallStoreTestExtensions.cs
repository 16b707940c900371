namespace TwilioCallTracking.Testing;

/// <summary>What <see cref="CallStoreTestExtensions.CreateAsync"/> did.</summary>
/// <param name="Created">Whether the call was added.</param>
/// <param name="Call">The added call, or the tenant's existing call with the same SID or id; <see langword="null"/> when it is another tenant's.</param>
public sealed record CallCreateResult(bool Created, Call? Call);

/// <summary>A change computed by the test itself from a version it read (the store contract tests' vocabulary).</summary>
public sealed record VersionedChange(string TenantId, Guid CallId, long ExpectedVersion, Call? Next, CallEvent Event);

/// <summary>What <see cref="CallStoreTestExtensions.SaveChangeAsync"/> did.</summary>
public enum SaveOutcome
{
    Saved,
    Duplicate,
    Conflict,
    NotFound,
}

/// <summary>
/// Drives <see cref="ICallStore.ChangeAsync"/> the way store tests want to: "create this call" and "apply this change if
/// the call is still at that version". Both go through the store's one atomic operation.
/// </summary>
public static class CallStoreTestExtensions
{
    public static async Task<CallCreateResult> CreateAsync(this ICallStore store, Call call, CallEvent firstEvent)
    {
        var change = new CallChange
        {
            TenantId = call.TenantId,
            CallSid = call.TwilioCallSid,
            CallId = call.Id,
            Decide = (current, _) => current is null ? new CallDecision(call, firstEvent) : CallDecision.None,
        };

        // A concurrent create of the same SID won: read again, as the library's services do.
        var result = await store.ChangeAsync(change);
        for (var attempt = 0; result.Outcome == CallChangeOutcome.Conflict && attempt < 20; attempt++)
        {
            result = await store.ChangeAsync(change);
        }

        return new CallCreateResult(result.Outcome == CallChangeOutcome.Saved, result.Call);
    }

    public static async Task<SaveOutcome> SaveChangeAsync(this ICallStore store, VersionedChange change)
    {
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
