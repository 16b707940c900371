using System.Globalization;
using Twilio.Rest.Api.V2010.Account;

namespace TwilioCallTracking;

/// <summary>
/// Applies what Twilio's REST API says about a call to the stored call, through the same lifecycle rules as a
/// webhook, as a <c>reconciled</c> event.
/// </summary>
internal sealed class ReconciledChanges(CallChanges changes, CallTrackingMetrics metrics)
{
    /// <summary>
    /// Applies status, duration, times and price. Returns the stored call, or <see langword="null"/> when nothing about
    /// the call changed (a repeat of the same answer adds no event).
    /// </summary>
    public async Task<Call?> ApplyAsync(Call call, CallResource resource, CancellationToken cancellationToken)
    {
        var rawStatus = resource.Status?.ToString() ?? string.Empty;
        var duration = int.TryParse(resource.Duration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : (int?)null;
        var price = decimal.TryParse(resource.Price, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
        var endedAt = resource.EndTime is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var startedAt = resource.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var report = new StatusReport
        {
            RawStatus = rawStatus,
            Status = CallStatusNames.TryParse(rawStatus, out var status) ? status : null,
            At = (status.IsTerminal() ? endedAt : startedAt) ?? changes.Time.GetUtcNow(),
            CallDurationSeconds = duration,
            TwilioDirection = resource.Direction,
            ParentCallSid = resource.ParentCallSid,
            From = resource.From,
            To = resource.To,
            Price = price,
            PriceUnit = resource.PriceUnit,
        };
        var data = JsonPayload.Of(
            ("source", "rest"), ("sid", resource.Sid), ("status", rawStatus), ("duration", resource.Duration),
            ("start_time", startedAt?.ToString("O")), ("end_time", endedAt?.ToString("O")), ("price", resource.Price), ("price_unit", resource.PriceUnit),
            ("direction", resource.Direction));
        var key = $"{CallEventTypes.Reconciled}:{resource.Sid}:{rawStatus}:{resource.Duration}:{resource.Price}";
        var changed = false;
        var result = await changes.ApplyToExistingAsync(call.TenantId, call.TwilioCallSid, call.Id, current =>
        {
            var transition = CallLifecycle.ApplyStatus(current, report);
            changed = transition.Changed || current.TwilioCallSid is null;

            // An unconfirmed call (its create request got no answer) learns its SID here.
            transition.Next.TwilioCallSid ??= resource.Sid;
            return new CallDecision(transition.Next, changes.NewEvent(current, CallEventTypes.Reconciled, data, key));
        }, cancellationToken);
        if (result.Outcome == CallChangeOutcome.Saved && changed)
        {
            metrics.Reconciled();
            return result.Call;
        }

        return null;
    }

    /// <summary>
    /// Records that Twilio never placed an outbound call whose create request got no answer: it is marked failed, with a
    /// reason that says so. Has no effect when a callback settled the call meanwhile.
    /// </summary>
    public async Task ApplyNeverPlacedAsync(Call call, DateTimeOffset searchedFrom, CancellationToken cancellationToken)
    {
        var message = $"Twilio never placed this call: the request to create it got no answer, and Twilio has no call from {call.From} to {call.To} " +
            $"created since {searchedFrom:u}.";
        var data = JsonPayload.Of(("source", "rest"), ("outcome", "never-placed"), ("searchedFrom", searchedFrom.ToString("O", CultureInfo.InvariantCulture)));
        await changes.ApplyToExistingAsync(call.TenantId, null, call.Id, current => current.TwilioCallSid is not null
            ? CallDecision.None
            : new CallDecision(
                CallLifecycle.Fail(current, changes.Time.GetUtcNow(), null, message).Next,
                changes.NewEvent(current, CallEventTypes.Reconciled, data, $"{CallEventTypes.Reconciled}:{call.Id:N}:never-placed")), cancellationToken);
    }

    /// <summary>Records that Twilio has no such call: error 20404, and a call not yet ended is marked failed.</summary>
    public async Task ApplyNotFoundAsync(Call call, string twilioMessage, CancellationToken cancellationToken)
    {
        var message = $"Twilio has no call {call.TwilioCallSid}: {twilioMessage}";
        var data = JsonPayload.Of(("source", "rest"), ("code", "20404"), ("message", twilioMessage));
        await changes.ApplyToExistingAsync(call.TenantId, call.TwilioCallSid, call.Id, current =>
        {
            var next = CallLifecycle.Fail(current, changes.Time.GetUtcNow(), 20404, message).Next;
            next.ErrorCode ??= 20404;
            next.ErrorMessage ??= message;
            return new CallDecision(next, changes.NewEvent(current, CallEventTypes.Reconciled, data, $"{CallEventTypes.Reconciled}:{call.TwilioCallSid}:not-found"));
        }, cancellationToken);
    }
}
