namespace TwilioCallTracking;

/// <summary>
/// Applies recording status callbacks to the call they name (the parent leg, for a forwarded call). A recording that
/// arrives before anything else about its call is kept on a new call that the next status callback, or the
/// reconciliation sweeper, completes.
/// </summary>
public sealed class RecordingCallbackWebhook
{
    private readonly CallChanges _changes;
    private readonly WebhookReporter _report;

    internal RecordingCallbackWebhook(CallChanges changes, WebhookReporter report)
    {
        _changes = changes;
        _report = report;
    }

    /// <summary>Applies one recording status callback.</summary>
    /// <param name="tenant">The tenant the webhook was resolved to.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="callId">The call id this library put in the callback URL, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<WebhookResult> HandleAsync(
        TwilioConfiguration tenant, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var callback = RecordingCallback.Parse(parameters, out var errors);
        if (callback is null)
        {
            return _report.Rejected(TwilioWebhookKind.Recording, tenant.TenantId, errors);
        }

        var data = parameters.ToJson();
        var result = await _changes.ApplyAsync(new CallChange
        {
            TenantId = tenant.TenantId,
            CallSid = callback.CallSid,
            CallId = callId,
            Decide = (call, _) =>
            {
                var current = call ?? NewCall(tenant.TenantId, callback);
                var next = CallLifecycle.ApplyRecording(current, callback.Report).Next;
                next.TwilioCallSid ??= callback.CallSid;
                return new CallDecision(next, _changes.NewEvent(current, CallEventTypes.RecordingPrefix + callback.Report.Status, data, callback.DeduplicationKey));
            },
        }, cancellationToken);
        return _report.Report(TwilioWebhookKind.Recording, tenant.TenantId, callback.CallSid, result);
    }

    private Call NewCall(string tenantId, RecordingCallback callback)
    {
        // Neither caller nor callee is known yet; the recording's source tells the direction until Twilio says more.
        var source = callback.Parameters.GetNonEmpty("RecordingSource");
        var outbound = string.Equals(source, "OutboundAPI", StringComparison.OrdinalIgnoreCase);
        var call = _changes.NewCall(tenantId, string.Empty, string.Empty, outbound ? CallDirection.Outbound : CallDirection.Inbound, CallStatus.Queued);
        call.TwilioCallSid = callback.CallSid;
        return call;
    }
}
