namespace TwilioCallTracking;

/// <summary>
/// Applies the <c>&lt;Dial&gt;</c> action callback (the forwarded leg of an inbound call ended) and answers with the
/// TwiML that ends the call.
/// </summary>
public sealed class DialActionWebhook
{
    private readonly CallChanges _changes;
    private readonly WebhookReporter _report;

    internal DialActionWebhook(CallChanges changes, WebhookReporter report)
    {
        _changes = changes;
        _report = report;
    }

    /// <summary>Applies one Dial action callback; the result's <see cref="WebhookResult.Twiml"/> is the answer.</summary>
    /// <param name="tenant">The tenant the webhook was resolved to.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<WebhookResult> HandleAsync(TwilioConfiguration tenant, TwilioRequestParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var callback = DialActionCallback.Parse(parameters, out var errors);
        if (callback is null)
        {
            return _report.Rejected(TwilioWebhookKind.DialAction, tenant.TenantId, errors);
        }

        var data = parameters.ToJson();
        var result = await _changes.ApplyToExistingAsync(tenant.TenantId, callback.CallSid, null, current =>
        {
            var next = current with { DialCallStatus = current.DialCallStatus ?? callback.DialCallStatus };
            return new CallDecision(next, _changes.NewEvent(current, CallEventTypes.DialCompleted, data, callback.DeduplicationKey));
        }, cancellationToken);
        return _report.Report(TwilioWebhookKind.DialAction, tenant.TenantId, callback.CallSid, result) with { Twiml = InboundTwiml.Empty() };
    }
}
