using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Applies one change to a call through the store's atomic <see cref="ICallStore.ChangeAsync"/>, and applies it again
/// when another writer changed the call in between (the decider then sees the newer state). Builds the events.
/// </summary>
internal sealed class CallChanges(
    ICallStore store, TimeProvider time, IOptions<TwilioCallTrackingOptions> options, CallTrackingMetrics metrics, CallNotificationSignal signal)
{
    public TimeProvider Time => time;

    public async Task<CallChangeResult> ApplyAsync(CallChange change, CancellationToken cancellationToken)
    {
        change = WithNotifications(change);
        for (var attempt = 1; ; attempt++)
        {
            var result = await store.ChangeAsync(change, cancellationToken);
            if (result.Outcome != CallChangeOutcome.Conflict)
            {
                if (result.Outcome == CallChangeOutcome.Saved)
                {
                    signal.Notify();
                }

                return result;
            }

            if (attempt >= options.Value.MaxConcurrencyRetries)
            {
                throw new InvalidOperationException(
                    $"Call {change.CallSid ?? change.CallId?.ToString()} kept changing under {attempt} attempts to apply a change; raise TwilioCallTracking:MaxConcurrencyRetries.");
            }

            metrics.ConcurrencyRetry();
        }
    }

    // Every decision carries the notifications its change raises, so the store writes them in the same transaction.
    private static CallChange WithNotifications(CallChange change) => new()
    {
        TenantId = change.TenantId,
        CallSid = change.CallSid,
        CallId = change.CallId,
        ParentCallSid = change.ParentCallSid,
        Decide = (call, parent) =>
        {
            var decision = change.Decide(call, parent);
            return decision.Event is { } evt && (decision.Next ?? call) is { } after
                ? decision with { Notifications = CallNotificationRules.For(call, after, evt.CreatedAt) }
                : decision;
        },
    };

    /// <summary>Applies <paramref name="decide"/> to the tenant's existing call; a call the store does not have gets nothing.</summary>
    public Task<CallChangeResult> ApplyToExistingAsync(
        string tenantId, string? callSid, Guid? callId, Func<Call, CallDecision> decide, CancellationToken cancellationToken) =>
        ApplyAsync(new CallChange
        {
            TenantId = tenantId,
            CallSid = callSid,
            CallId = callId,
            Decide = (call, _) => call is null ? CallDecision.None : decide(call),
        }, cancellationToken);

    public CallEvent NewEvent(Call call, string type, string data, string deduplicationKey, int? sequenceNumber = null)
    {
        var now = time.GetUtcNow();
        return new CallEvent
        {
            Id = Guid.CreateVersion7(now),
            CallId = call.Id,
            TenantId = call.TenantId,
            EventType = type,
            EventData = data,
            DeduplicationKey = deduplicationKey,
            SequenceNumber = sequenceNumber,
            CreatedAt = now,
        };
    }

    /// <summary>A new call's identity and creation time; the caller fills in the rest.</summary>
    public Call NewCall(string tenantId, string from, string to, CallDirection direction, CallStatus status)
    {
        var now = time.GetUtcNow();
        return new Call
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            From = from,
            To = to,
            Direction = direction,
            Status = status,
            CreatedAt = now,
        };
    }
}
