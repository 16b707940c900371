using System.Diagnostics.Metrics;

namespace TwilioCallTracking;

/// <summary>
/// The library's counters, on the <see cref="Meter"/> named <see cref="MeterName"/> (collect them with OpenTelemetry or
/// <c>dotnet-counters monitor --counters TwilioCallTracking</c>).
/// </summary>
public sealed class CallTrackingMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TwilioCallTracking";

    private readonly Counter<long> _callsStarted;
    private readonly Counter<long> _callsRejected;
    private readonly Counter<long> _callsOutcomeUnknown;
    private readonly Counter<long> _inboundCalls;
    private readonly Counter<long> _webhooksApplied;
    private readonly Counter<long> _duplicatesIgnored;
    private readonly Counter<long> _outOfOrderKept;
    private readonly Counter<long> _webhooksRejected;
    private readonly Counter<long> _signatureFailures;
    private readonly Counter<long> _storeUnavailable;
    private readonly Counter<long> _concurrencyRetries;
    private readonly Counter<long> _reconciled;

    /// <summary>Creates the counters on a meter from <paramref name="meterFactory"/>.</summary>
    public CallTrackingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _callsStarted = meter.CreateCounter<long>("twilio_call_tracking.calls.started", "{call}", "Outbound calls Twilio accepted.");
        _callsRejected = meter.CreateCounter<long>("twilio_call_tracking.calls.rejected", "{call}", "Outbound calls Twilio refused or that could not reach Twilio.");
        _callsOutcomeUnknown = meter.CreateCounter<long>("twilio_call_tracking.calls.outcome_unknown", "{call}", "Outbound calls whose create request got no answer (Twilio may have placed them).");
        _inboundCalls = meter.CreateCounter<long>("twilio_call_tracking.calls.inbound", "{call}", "Inbound calls answered.");
        _webhooksApplied = meter.CreateCounter<long>("twilio_call_tracking.webhooks.applied", "{webhook}", "Webhooks stored.");
        _duplicatesIgnored = meter.CreateCounter<long>("twilio_call_tracking.webhooks.duplicates", "{webhook}", "Duplicate webhook deliveries recognised and ignored.");
        _outOfOrderKept = meter.CreateCounter<long>("twilio_call_tracking.webhooks.out_of_order", "{webhook}", "Late callbacks logged without changing the call's status.");
        _webhooksRejected = meter.CreateCounter<long>("twilio_call_tracking.webhooks.rejected", "{webhook}", "Webhooks refused for bad input.");
        _signatureFailures = meter.CreateCounter<long>("twilio_call_tracking.webhooks.signature_failures", "{webhook}", "Webhooks refused for a missing or wrong X-Twilio-Signature.");
        _storeUnavailable = meter.CreateCounter<long>("twilio_call_tracking.webhooks.store_unavailable", "{webhook}", "Webhooks answered 503 because the store could not be reached or did not answer within the store budget (Twilio retries them).");
        _reconciled = meter.CreateCounter<long>("twilio_call_tracking.calls.reconciled", "{call}", "Calls changed by what Twilio's REST API reported (reconciliation sweeper).");
        _concurrencyRetries = meter.CreateCounter<long>("twilio_call_tracking.store.concurrency_retries", "{retry}", "Changes recomputed because another webhook changed the call first.");
    }

    /// <summary>Counts an outbound call Twilio accepted.</summary>
    internal void CallStarted() => _callsStarted.Add(1);

    /// <summary>Counts an outbound call that Twilio refused or that could not reach Twilio.</summary>
    internal void CallRejected(int? twilioCode) => _callsRejected.Add(1, new KeyValuePair<string, object?>("twilio.error_code", twilioCode));

    /// <summary>Counts an outbound call whose create request got no answer.</summary>
    internal void CallOutcomeUnknown() => _callsOutcomeUnknown.Add(1);

    /// <summary>Counts an inbound call.</summary>
    internal void InboundCall() => _inboundCalls.Add(1);

    /// <summary>Counts a stored webhook of <paramref name="kind"/>.</summary>
    internal void WebhookApplied(TwilioWebhookKind kind) => _webhooksApplied.Add(1, Tag(kind));

    /// <summary>Counts a call the reconciliation sweeper changed with what Twilio's REST API said.</summary>
    internal void Reconciled() => _reconciled.Add(1);

    /// <summary>Counts a duplicate delivery.</summary>
    internal void DuplicateIgnored(TwilioWebhookKind kind) => _duplicatesIgnored.Add(1, Tag(kind));

    /// <summary>Counts a late callback that was logged but did not change the status.</summary>
    internal void OutOfOrderKept() => _outOfOrderKept.Add(1);

    /// <summary>Counts a webhook refused for bad input.</summary>
    internal void WebhookRejected(TwilioWebhookKind kind) => _webhooksRejected.Add(1, Tag(kind));

    /// <summary>
    /// Counts a webhook refused for its signature, tagged <c>reason</c> and <c>tenant.resolved</c>: <see langword="true"/>
    /// for a webhook of a known tenant whose signature did not match (<c>mismatch</c>, <c>malformed</c>, …),
    /// <see langword="false"/> for one that reached no tenant (<c>unsigned</c>, <c>unknown-tenant</c>): scanners' noise.
    /// </summary>
    internal void SignatureFailure(string reason, bool tenantResolved) =>
        _signatureFailures.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("tenant.resolved", tenantResolved));

    /// <summary>Counts a webhook answered 503 because the store was unavailable or too slow.</summary>
    internal void StoreUnavailable(TwilioWebhookKind kind) => _storeUnavailable.Add(1, Tag(kind));

    /// <summary>Counts a change recomputed after a concurrent update.</summary>
    internal void ConcurrencyRetry() => _concurrencyRetries.Add(1);

    // The tag value comes from the one enum, so metric tags cannot drift from routing and logs.
    private static KeyValuePair<string, object?> Tag(TwilioWebhookKind kind) => new("webhook.kind", kind.ToName());
}
