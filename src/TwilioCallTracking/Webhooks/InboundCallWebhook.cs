using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Answers an inbound call to a tenant's number: stores the call (once, however often Twilio retries) and returns the
/// TwiML that greets the caller and forwards the call, recorded, to the tenant's phone.
/// </summary>
public sealed class InboundCallWebhook
{
    private readonly CallChanges _changes;
    private readonly CallerContactMatcher _contacts;
    private readonly WebhookReporter _report;
    private readonly CallTrackingMetrics _metrics;
    private readonly TwilioCallTrackingOptions _options;

    internal InboundCallWebhook(
        CallChanges changes, CallerContactMatcher contacts, WebhookReporter report, CallTrackingMetrics metrics, IOptions<TwilioCallTrackingOptions> options)
    {
        _changes = changes;
        _contacts = contacts;
        _report = report;
        _metrics = metrics;
        _options = options.Value;
    }

    /// <summary>Stores the inbound call; the result's <see cref="WebhookResult.Twiml"/> is the answer.</summary>
    /// <param name="tenant">The tenant that owns the called number.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="fallbackBaseUrl">The public base URL of the request, used for callbacks when none is configured.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<WebhookResult> HandleAsync(
        TwilioConfiguration tenant, TwilioRequestParameters parameters, Uri? fallbackBaseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var request = InboundCallRequest.Parse(parameters, out var errors);
        if (request is null)
        {
            return _report.Rejected(TwilioWebhookKind.Answer, tenant.TenantId, errors);
        }

        var urls = CallbackUrls.For(tenant, _options, fallbackBaseUrl)
            ?? throw new InvalidOperationException("No public base URL is known for the callbacks: set TwilioCallTracking:PublicBaseUrl (or the NEXT_PUBLIC_APP_URL environment variable).");
        if (tenant.ForwardToNumber is not { Length: > 0 })
        {
            Log.NoForwardNumber(_report.Logger, request.CallSid, tenant.TenantId);
        }

        var twiml = InboundTwiml.Forward(request, tenant, _options, urls);
        var match = await _contacts.MatchAsync(tenant, request.From, cancellationToken);
        var call = _changes.NewCall(
            tenant.TenantId,
            request.From,
            request.To,
            CallDirection.Inbound,
            CallStatusNames.TryParse(request.CallStatus, out var status) && !status.IsTerminal() ? status : CallStatus.Ringing);
        call.TwilioCallSid = request.CallSid;
        call.TwilioDirection = parameters.GetNonEmpty(TwilioParameterNames.Direction) ?? CallDirectionNames.Inbound;
        call.ContactId = match.ContactId;
        call.ContactAmbiguous = match.IsAmbiguous;
        var answered = _changes.NewEvent(call, CallEventTypes.InboundAnswered, parameters.ToJson(), $"{CallEventTypes.InboundAnswered}:{request.CallSid}");

        // The unique SID decides: Twilio retrying the answer webhook finds the call and gets the same TwiML.
        var result = await _changes.ApplyAsync(new CallChange
        {
            TenantId = tenant.TenantId,
            CallSid = request.CallSid,
            Decide = (existing, _) => existing is null ? new CallDecision(call, answered) : CallDecision.None,
        }, cancellationToken);
        if (result.Outcome != CallChangeOutcome.Saved)
        {
            return _report.Duplicate(TwilioWebhookKind.Answer, tenant.TenantId, request.CallSid, result.Call) with { Twiml = twiml };
        }

        _metrics.InboundCall();
        _metrics.WebhookApplied(TwilioWebhookKind.Answer);
        Log.InboundCallAnswered(_report.Logger, request.CallSid, tenant.TenantId, request.From);
        return new WebhookResult(WebhookOutcome.Applied, result.Call, Twiml: twiml);
    }
}
