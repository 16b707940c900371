using System.Globalization;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>
/// Builds the parameters Twilio posts to voice webhooks (names, values and the extra fields real requests carry), as
/// name/value pairs in the order they are sent. The simulator sends exactly these; tests can build the same.
/// </summary>
public static class TwilioWebhookPayloads
{
    /// <summary>The API version every voice webhook names.</summary>
    public const string ApiVersion = "2010-04-01";

    /// <summary>The <c>CallbackSource</c> of call progress (status) callbacks.</summary>
    public const string CallProgressEvents = "call-progress-events";

    /// <summary>
    /// The request Twilio sends when it needs TwiML: the answer webhook of an inbound call (<c>CallStatus=ringing</c>),
    /// or the <c>Url</c> of an outbound call once answered (<c>in-progress</c>). Carries the normal request fields.
    /// </summary>
    public static List<KeyValuePair<string, string>> Voice(WebhookCallInfo call, string callStatus)
    {
        ArgumentNullException.ThrowIfNull(call);
        var p = NormalFields(call, callStatus);
        if (call.Direction == "inbound")
        {
            p.Add(new("StirVerstat", "TN-Validation-Passed-A"));
            p.Add(new("CallToken", "%7B%22parentCallInfoToken%22%7D"));
        }

        return p;
    }

    /// <summary>
    /// A call status callback: the normal request fields plus <c>Timestamp</c> (RFC 2822), <c>CallbackSource</c>,
    /// <c>SequenceNumber</c>, and on terminal statuses <c>CallDuration</c> (seconds), <c>SipResponseCode</c> and, for
    /// <c>completed</c>, <c>Duration</c> (billed minutes).
    /// </summary>
    /// <param name="call">The leg.</param>
    /// <param name="callStatus">initiated, ringing, in-progress, completed, busy, no-answer, failed or canceled.</param>
    /// <param name="sequenceNumber">The position of this callback among the leg's callbacks, from 0.</param>
    /// <param name="timestamp">When the event happened.</param>
    /// <param name="callDurationSeconds">The talk time in seconds, on a terminal status.</param>
    /// <param name="sipResponseCode">The SIP response that ended the leg, on a terminal status.</param>
    public static List<KeyValuePair<string, string>> StatusCallback(
        WebhookCallInfo call, string callStatus, int sequenceNumber, DateTimeOffset timestamp, int? callDurationSeconds = null, int? sipResponseCode = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(callStatus);
        var p = NormalFields(call, callStatus);
        p.Insert(4, new("Timestamp", TwilioDates.Format(timestamp)));
        p.Insert(5, new("CallbackSource", CallProgressEvents));
        p.Insert(8, new("SequenceNumber", Number(sequenceNumber)));
        if (callDurationSeconds is { } seconds)
        {
            p.Add(new("CallDuration", Number(seconds)));
            if (callStatus == "completed")
            {
                p.Add(new("Duration", Number(BilledMinutes(seconds))));
            }
        }

        if (sipResponseCode is { } sip)
        {
            p.Add(new("SipResponseCode", Number(sip)));
        }

        return p;
    }

    /// <summary>
    /// The <c>&lt;Dial&gt;</c> action request on the parent leg once the dialled leg ended: the normal request fields
    /// plus <c>DialCallStatus</c>, <c>DialCallSid</c>, <c>DialCallDuration</c>, <c>DialBridged</c>, and the recording
    /// (whose media may not be downloadable yet) when the Dial recorded.
    /// </summary>
    public static List<KeyValuePair<string, string>> DialAction(
        WebhookCallInfo parent, string parentCallStatus, string? dialCallSid, string dialCallStatus, int dialCallDurationSeconds, RecordingWebhookInfo? recording = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(dialCallStatus);
        var p = NormalFields(parent, parentCallStatus);
        p.Add(new("DialBridged", dialCallStatus == "completed" ? "true" : "false"));
        p.Add(new("DialCallDuration", Number(dialCallDurationSeconds)));
        if (dialCallSid is not null)
        {
            p.Add(new("DialCallSid", dialCallSid));
        }

        p.Add(new("DialCallStatus", dialCallStatus));
        if (recording is { Status: "completed", RecordingUrl: { } url })
        {
            p.Add(new("RecordingUrl", url));
            p.Add(new("RecordingSid", recording.RecordingSid));
            p.Add(new("RecordingDuration", Number(recording.DurationSeconds)));
        }

        return p;
    }

    /// <summary>A recording status callback (<c>CallSid</c> is the parent leg for a Dial recording).</summary>
    public static List<KeyValuePair<string, string>> RecordingStatusCallback(RecordingWebhookInfo recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var p = new List<KeyValuePair<string, string>>
        {
            new("RecordingSource", recording.Source), new("RecordingTrack", recording.Track), new("RecordingSid", recording.RecordingSid),
            new("RecordingStatus", recording.Status), new("RecordingChannels", Number(recording.Channels)), new("ErrorCode", "0"),
            new("CallSid", recording.CallSid), new("RecordingStartTime", TwilioDates.Format(recording.StartTime)),
            new("AccountSid", recording.AccountSid),
        };
        if (recording.Status == "completed")
        {
            if (recording.RecordingUrl is { } url)
            {
                p.Add(new("RecordingUrl", url));
            }

            p.Add(new("RecordingDuration", Number(recording.DurationSeconds)));
        }

        return p;
    }

    /// <summary>Twilio's billed minutes for a talk time in seconds: every started minute counts.</summary>
    public static int BilledMinutes(int seconds) => (Math.Max(0, seconds) + 59) / 60;

    /// <summary>The SIP response code Twilio reports for a terminal status (200 completed, 486 busy, 487 no-answer/canceled, 404 failed).</summary>
    public static int SipResponseCodeFor(string terminalStatus) => terminalStatus switch
    {
        "completed" => 200,
        "busy" => 486,
        "failed" => 404,
        _ => 487,
    };

    private static List<KeyValuePair<string, string>> NormalFields(WebhookCallInfo call, string callStatus)
    {
        var from = NumberGeography.Of(call.From);
        var to = NumberGeography.Of(call.To);
        var p = new List<KeyValuePair<string, string>>
        {
            new("Called", call.To), new("ToState", to.State), new("CallerCountry", from.Country), new("Direction", call.Direction),
            new("CallerState", from.State), new("ToZip", to.Zip), new("CallSid", call.CallSid), new("To", call.To),
            new("CallerZip", from.Zip), new("ToCountry", to.Country), new("CalledZip", to.Zip), new("ApiVersion", ApiVersion),
            new("CalledCity", to.City), new("CallStatus", callStatus), new("From", call.From), new("AccountSid", call.AccountSid),
            new("CalledCountry", to.Country), new("CallerCity", from.City), new("ToCity", to.City), new("FromCountry", from.Country),
            new("Caller", call.From), new("FromCity", from.City), new("CalledState", to.State), new("FromZip", from.Zip),
            new("FromState", from.State),
        };
        if (call.ParentCallSid is { } parent)
        {
            p.Add(new("ParentCallSid", parent));
        }

        return p;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
