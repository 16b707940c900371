namespace TwilioCallTracking;

/// <summary>
/// The tag names of the library's spans and histograms, in one place so that traces, metrics and the README agree. Tenant
/// ids and call ids go on spans only: as metric tags they would make one time series per tenant or call.
/// </summary>
internal static class TelemetryTags
{
    /// <summary>What came of the operation (<see cref="TelemetryOutcomes"/>, or a store's change outcome).</summary>
    public const string Outcome = "outcome";

    /// <summary>The webhook: <c>answer</c>, <c>status</c>, <c>recording</c>, <c>dial-action</c> or <c>other</c>.</summary>
    public const string WebhookKind = "webhook.kind";

    /// <summary>The tenant (spans only).</summary>
    public const string TenantId = "tenant.id";

    /// <summary>The library's call id (spans only).</summary>
    public const string CallId = "call.id";

    /// <summary>Twilio's call SID (spans only).</summary>
    public const string CallSid = "twilio.call_sid";

    /// <summary>The Twilio REST operation, e.g. <c>calls.create</c> (<see cref="TwilioOperations"/>).</summary>
    public const string TwilioOperation = "twilio.operation";

    /// <summary>The store operation, e.g. <c>calls.change</c> (<see cref="StoreOperation"/>).</summary>
    public const string StoreOperation = "store.operation";

    /// <summary>The HTTP status of the answer, as in OpenTelemetry's HTTP conventions.</summary>
    public const string HttpStatusCode = "http.response.status_code";

    /// <summary>The type of the exception that ended the operation, as in OpenTelemetry's conventions.</summary>
    public const string ErrorType = "error.type";
}
