using TwilioCallTracking;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Testing;

/// <summary>
/// Builds the parameters Twilio really posts to voice webhooks (names, order, extra fields), for tests and load runs:
/// shortcuts over the simulator's <see cref="TwilioWebhookPayloads"/>, which sends the same.
/// </summary>
public static class TwilioPayloads
{
    private static readonly DateTimeOffset RecordingStart = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh SID with the given two-letter prefix and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) => TwilioSidGenerator.New(prefix);

    /// <summary>A fresh call SID.</summary>
    public static string NewCallSid() => TwilioSidGenerator.NewCallSid();

    /// <summary>A status callback as Twilio sends it (about 30 parameters, with Timestamp, SequenceNumber and CallbackSource).</summary>
    public static List<KeyValuePair<string, string>> StatusCallback(
        string accountSid, string callSid, string status, int sequenceNumber, string from, string to,
        string direction = "outbound-api", string? parentCallSid = null, int? callDuration = null, DateTimeOffset? timestamp = null) =>
        TwilioWebhookPayloads.StatusCallback(
            new WebhookCallInfo(accountSid, callSid, from, to, direction) { ParentCallSid = parentCallSid },
            status,
            sequenceNumber,
            timestamp ?? DateTimeOffset.UtcNow,
            callDuration,
            callDuration is null ? null : TwilioWebhookPayloads.SipResponseCodeFor(status));

    /// <summary>A recording status callback as Twilio sends it (CallSid is the parent leg for a Dial recording).</summary>
    public static List<KeyValuePair<string, string>> RecordingCallback(
        string accountSid, string callSid, string recordingSid, string status = "completed", int duration = 42, int channels = 2, string source = "DialVerb") =>
        TwilioWebhookPayloads.RecordingStatusCallback(new RecordingWebhookInfo(accountSid, callSid, recordingSid, status, RecordingStart)
        {
            RecordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}",
            DurationSeconds = duration,
            Channels = channels,
            Source = source,
        });

    /// <summary>The answer webhook for an inbound call.</summary>
    public static List<KeyValuePair<string, string>> InboundCall(string accountSid, string callSid, string from, string to) =>
        TwilioWebhookPayloads.Voice(new WebhookCallInfo(accountSid, callSid, from, to, "inbound"), "ringing");

    /// <summary>The Dial action callback on the parent leg.</summary>
    public static List<KeyValuePair<string, string>> DialAction(
        string accountSid, string callSid, string dialCallSid, string dialCallStatus, int dialDuration, string from, string to) =>
        TwilioWebhookPayloads.DialAction(new WebhookCallInfo(accountSid, callSid, from, to, "inbound"), "in-progress", dialCallSid, dialCallStatus, dialDuration);

    /// <summary>Wraps pairs as <see cref="TwilioRequestParameters"/>.</summary>
    public static TwilioRequestParameters AsParameters(this IEnumerable<KeyValuePair<string, string>> pairs) => new(pairs);
}
