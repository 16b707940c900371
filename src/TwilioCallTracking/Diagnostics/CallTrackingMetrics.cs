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
    private readonly Counter<long> _inboundCalls;
    private readonly Counter<long> _webhooksApplied;
    private readonly Counter<long> _duplicatesIgnored;
    private readonly Counter<long> _outOfOrderKept;
    private readonly Counter<long> _webhooksRejected;
    private readonly Counter<long> _signatureFailures;
    private readonly Counter<long> _concurrencyRetries;

    /// <summary>Creates the counters on a meter from <paramref name="meterFactory"/>.</summary>
    public CallTrackingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _callsStarted = meter.CreateCounter<long>("twilio_call_tracking.calls.started", "{call}", "Outbound calls Twilio accepted.");
        _callsRejected = meter.CreateCounter<long>("twilio_call_tracking.calls.rejected", "{call}", "Outbound calls Twilio refused or that could not reach Twilio.");
        _inboundCalls = meter.CreateCounter<long>("twilio_call_tracking.calls.inbound", "{call}", "Inbound calls answered.");
        _webhooksApplied = meter.CreateCounter<long>("twilio_call_tracking.webhooks.applied", "{webhook}", "Webhooks stored.");
        _duplicatesIgnored = meter.CreateCounter<long>("twilio_call_tracking.webhooks.duplicates", "{webhook}", "Duplicate webhook deliveries recognised and ignored.");
        _outOfOrderKept = meter.CreateCounter<long>("twilio_call_tracking.webhooks.out_of_order", "{webhook}", "Late callbacks logged without changing the call's status.");
        _webhooksRejected = meter.CreateCounter<long>("twilio_call_tracking.webhooks.rejected", "{webhook}", "Webhooks refused for bad input.");
        _signatureFailures = meter.CreateCounter<long>("twilio_call_tracking.webhooks.signature_failures", "{webhook}", "Webhooks refused for a missing or wrong X-Twilio-Signature.");
        _concurrencyRetries = meter.CreateCounter<long>("twilio_call_tracking.store.concurrency_retries", "{retry}", "Changes recomputed because another webhook changed the call first.");
    }

    /// <summary>Counts an outbound call Twilio accepted.</summary>
    public void CallStarted() => _callsStarted.Add(1);

    /// <summary>Counts an outbound call that Twilio refused or that could not reach Twilio.</summary>
    public void CallRejected(int? twilioCode) => _callsRejected.Add(1, new KeyValuePair<string, object?>("twilio.error_code", twilioCode));

    /// <summary>Counts an inbound call.</summary>
    public void InboundCall() => _inboundCalls.Add(1);

    /// <summary>Counts a stored webhook of <paramref name="kind"/> (status, recording, dial, answer).</summary>
    public void WebhookApplied(string kind) => _webhooksApplied.Add(1, new KeyValuePair<string, object?>("webhook.kind", kind));

    /// <summary>Counts a duplicate delivery.</summary>
    public void DuplicateIgnored(string kind) => _duplicatesIgnored.Add(1, new KeyValuePair<string, object?>("webhook.kind", kind));

    /// <summary>Counts a late callback that was logged but did not change the status.</summary>
    public void OutOfOrderKept() => _outOfOrderKept.Add(1);

    /// <summary>Counts a webhook refused for bad input.</summary>
    public void WebhookRejected(string kind) => _webhooksRejected.Add(1, new KeyValuePair<string, object?>("webhook.kind", kind));

    /// <summary>Counts a webhook refused for its signature.</summary>
    public void SignatureFailure(string reason) => _signatureFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a change recomputed after a concurrent update.</summary>
    public void ConcurrencyRetry() => _concurrencyRetries.Add(1);
}
