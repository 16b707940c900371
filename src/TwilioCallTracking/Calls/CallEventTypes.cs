namespace TwilioCallTracking;

/// <summary>
/// The event types this library writes besides call statuses (a status callback's event type is the status string
/// Twilio sent, such as <c>ringing</c> or <c>completed</c>, even one this library does not know).
/// </summary>
public static class CallEventTypes
{
    /// <summary>The CRM asked Twilio to place an outbound call.</summary>
    public const string OutboundRequested = "outbound-requested";

    /// <summary>Twilio accepted the outbound call and returned its SID.</summary>
    public const string OutboundAccepted = "outbound-accepted";

    /// <summary>Twilio refused the outbound call, or could not be reached (the request was never sent).</summary>
    public const string OutboundRejected = "outbound-rejected";

    /// <summary>
    /// The request to create the outbound call was sent but got no answer (a timeout, a lost connection, a 5xx): Twilio
    /// may have placed the call. The call stays queued; its first callback or the sweeper settles it.
    /// </summary>
    public const string OutboundOutcomeUnknown = "outbound-outcome-unknown";

    /// <summary>An inbound call reached the answer webhook.</summary>
    public const string InboundAnswered = "inbound-answered";

    /// <summary>The forwarded leg of an inbound call ended (the <c>&lt;Dial&gt;</c> action callback).</summary>
    public const string DialCompleted = "dial-completed";

    /// <summary>Prefix of recording callbacks: <c>recording-completed</c>, <c>recording-in-progress</c>, <c>recording-absent</c>.</summary>
    public const string RecordingPrefix = "recording-";

    /// <summary>The call's state was learned by asking Twilio's REST API (reconciliation, price).</summary>
    public const string Reconciled = "reconciled";
}
