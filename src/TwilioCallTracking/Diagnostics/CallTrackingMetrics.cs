using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TwilioCallTracking;

/// <summary>
/// The library's counters and histograms, on the <see cref="Meter"/> named <see cref="MeterName"/> (collect them with
/// OpenTelemetry or <c>dotnet-counters monitor --counters TwilioCallTracking</c>). Durations are histograms in seconds, as
/// OpenTelemetry's conventions ask: webhook handling, Twilio REST requests, store operations.
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
    private readonly Counter<long> _notificationDeliveries;

    // OpenTelemetry's default buckets are for milliseconds; these are http.server.request.duration's, in seconds.
    private static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private readonly Histogram<double> _webhookDuration;
    private readonly Histogram<double> _twilioRequestDuration;
    private readonly Histogram<double> _storeDuration;

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
        _notificationDeliveries = meter.CreateCounter<long>(
            "twilio_call_tracking.notifications.deliveries", "{attempt}", "Notification delivery attempts, by target kind (handler, webhook) and outcome (delivered, retry, dead).");
        _concurrencyRetries = meter.CreateCounter<long>("twilio_call_tracking.store.concurrency_retries", "{retry}", "Changes recomputed because another webhook changed the call first.");

        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _webhookDuration = meter.CreateHistogram(
            "twilio_call_tracking.webhook.duration", "s", "How long the webhook endpoints took to answer Twilio, tagged webhook.kind and outcome.", advice: seconds);
        _twilioRequestDuration = meter.CreateHistogram(
            "twilio_call_tracking.twilio.request.duration", "s", "How long Twilio's REST API took to answer, tagged twilio.operation, outcome and http.response.status_code.", advice: seconds);
        _storeDuration = meter.CreateHistogram(
            "twilio_call_tracking.store.operation.duration", "s", "How long the call and configuration stores took, tagged store.operation and outcome.", advice: seconds);
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

    /// <summary>Counts a notification delivery attempt by what it left the delivery in.</summary>
    internal void NotificationDelivery(bool handler, NotificationDeliveryState state) =>
        _notificationDeliveries.Add(
            1,
            new KeyValuePair<string, object?>("target.kind", handler ? "handler" : "webhook"),
            new KeyValuePair<string, object?>(TelemetryTags.Outcome, state switch
            {
                NotificationDeliveryState.Delivered => "delivered",
                NotificationDeliveryState.Dead => "dead",
                _ => "retry",
            }));

    /// <summary>Counts a change recomputed after a concurrent update.</summary>
    internal void ConcurrencyRetry() => _concurrencyRetries.Add(1);

    /// <summary>Records how long a webhook took to answer.</summary>
    internal void WebhookHandled(TwilioWebhookKind kind, string outcome, TimeSpan elapsed) =>
        _webhookDuration.Record(elapsed.TotalSeconds, Tag(kind), new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));

    /// <summary>Records how long a Twilio REST request took; <paramref name="statusCode"/> is <see langword="null"/> when Twilio never answered.</summary>
    internal void TwilioRequested(string operation, string outcome, int? statusCode, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { TelemetryTags.TwilioOperation, operation },
            { TelemetryTags.Outcome, outcome },
        };
        if (statusCode is { } status)
        {
            tags.Add(TelemetryTags.HttpStatusCode, status);
        }

        _twilioRequestDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records how long a store operation took.</summary>
    internal void StoreOperated(string operation, string outcome, TimeSpan elapsed) =>
        _storeDuration.Record(
            elapsed.TotalSeconds, new KeyValuePair<string, object?>(TelemetryTags.StoreOperation, operation), new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));

    // The tag value comes from the one enum, so metric tags cannot drift from routing and logs.
    private static KeyValuePair<string, object?> Tag(TwilioWebhookKind kind) => new("webhook.kind", kind.ToName());
}
