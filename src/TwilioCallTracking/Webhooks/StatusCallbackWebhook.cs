namespace TwilioCallTracking;

/// <summary>
/// Applies call status callbacks (<c>StatusCallback</c>, parent or child leg) to a tenant's calls through the lifecycle
/// rules: status only moves forward, the first terminal status wins, a late callback is kept as an event, a repeated
/// delivery adds nothing. A child leg seen for the first time is stored as its own call under its parent; a callback
/// for a call this library never saw is stored as a new call.
/// </summary>
public sealed class StatusCallbackWebhook
{
    private readonly CallChanges _changes;
    private readonly CallerContactMatcher _contacts;
    private readonly WebhookReporter _report;

    internal StatusCallbackWebhook(CallChanges changes, CallerContactMatcher contacts, WebhookReporter report)
    {
        _changes = changes;
        _contacts = contacts;
        _report = report;
    }

    /// <summary>Applies one status callback.</summary>
    /// <param name="tenant">The tenant the webhook was resolved to.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="callId">The call id this library put in the callback URL, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<WebhookResult> HandleAsync(
        TwilioConfiguration tenant, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var callback = StatusCallback.Parse(parameters, _changes.Time.GetUtcNow(), out var errors);
        if (callback is null)
        {
            return _report.Rejected(TwilioWebhookKind.Status, tenant.TenantId, errors);
        }

        var report = callback.Report;
        var inbound = CallDirectionNames.FromTwilio(report.TwilioDirection) == CallDirection.Inbound;
        var data = parameters.ToJson();
        ContactMatch? match = null;
        var needsContact = false;
        var transition = CallTransitionKind.Same;
        var change = new CallChange
        {
            TenantId = tenant.TenantId,
            CallSid = callback.CallSid,
            CallId = callId,
            ParentCallSid = report.ParentCallSid,
            Decide = (call, parent) =>
            {
                needsContact = call is null && parent is null && inbound && match is null;
                if (needsContact)
                {
                    // A new inbound call: look its caller up outside the store's transaction, then come back.
                    return CallDecision.None;
                }

                var current = call ?? NewCall(tenant.TenantId, callback, parent, match ?? ContactMatch.None);
                var next = CallLifecycle.ApplyStatus(current, report);
                transition = call is null ? CallTransitionKind.Advanced : next.Kind;
                next.Next.TwilioCallSid ??= callback.CallSid;
                return new CallDecision(next.Next, _changes.NewEvent(current, report.RawStatus, data, callback.DeduplicationKey, callback.SequenceNumber));
            },
        };

        var result = await _changes.ApplyAsync(change, cancellationToken);
        if (needsContact)
        {
            match = await _contacts.MatchAsync(tenant, callback.From, cancellationToken);
            result = await _changes.ApplyAsync(change, cancellationToken);
        }

        if (result.Outcome == CallChangeOutcome.Saved)
        {
            if (transition == CallTransitionKind.Late)
            {
                Log.LateCallback(_report.Logger, report.RawStatus, callback.CallSid, tenant.TenantId, result.Call!.Status.ToTwilioString());
            }
            else if (transition == CallTransitionKind.Unrecognised)
            {
                Log.UnknownStatus(_report.Logger, report.RawStatus, callback.CallSid, tenant.TenantId);
            }
        }

        return _report.Report(TwilioWebhookKind.Status, tenant.TenantId, callback.CallSid, result, transition);
    }

    private Call NewCall(string tenantId, StatusCallback callback, Call? parent, ContactMatch match)
    {
        var call = _changes.NewCall(tenantId, callback.From, callback.To, CallDirectionNames.FromTwilio(callback.Report.TwilioDirection), CallStatus.Queued);
        call.TwilioCallSid = callback.CallSid;
        call.ParentCallSid = callback.Report.ParentCallSid;
        call.TwilioDirection = callback.Report.TwilioDirection;
        call.ContactId = parent?.ContactId ?? match.ContactId;
        call.ContactAmbiguous = parent?.ContactAmbiguous ?? match.IsAmbiguous;
        call.UserId = parent?.UserId;
        return call;
    }
}
