using System.Globalization;
using System.Security.Cryptography;
using TwilioCallTracking.Webhooks;

namespace TwilioCallTracking.Testing;

/// <summary>Builds the parameters Twilio really posts to voice webhooks (names, order, extra fields), for tests and load runs.</summary>
public static class TwilioPayloads
{
    /// <summary>A fresh SID with the given two-letter prefix and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A fresh call SID.</summary>
    public static string NewCallSid() => NewSid("CA");

    /// <summary>A status callback as Twilio sends it (about 20 parameters, with Timestamp, SequenceNumber and CallbackSource).</summary>
    public static List<KeyValuePair<string, string>> StatusCallback(
        string accountSid, string callSid, string status, int sequenceNumber, string from, string to,
        string direction = "outbound-api", string? parentCallSid = null, int? callDuration = null, DateTimeOffset? timestamp = null)
    {
        var at = timestamp ?? DateTimeOffset.UtcNow;
        var p = new List<KeyValuePair<string, string>>
        {
            new("Called", to), new("ToState", "CA"), new("CallerCountry", "US"), new("Direction", direction),
            new("Timestamp", at.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)),
            new("CallbackSource", "call-progress-events"), new("CallerState", "CA"), new("ToZip", "94105"),
            new("SequenceNumber", sequenceNumber.ToString(CultureInfo.InvariantCulture)), new("CallSid", callSid),
            new("To", to), new("CallerZip", "94016"), new("ToCountry", "US"), new("CalledZip", "94105"),
            new("ApiVersion", "2010-04-01"), new("CalledCity", "SAN FRANCISCO"), new("CallStatus", status),
            new("From", from), new("AccountSid", accountSid), new("CalledCountry", "US"), new("CallerCity", "SAN FRANCISCO"),
            new("ToCity", "SAN FRANCISCO"), new("FromCountry", "US"), new("Caller", from), new("FromCity", "SAN FRANCISCO"),
            new("CalledState", "CA"), new("FromZip", "94016"), new("FromState", "CA"),
        };
        if (parentCallSid is not null)
        {
            p.Add(new("ParentCallSid", parentCallSid));
        }

        if (callDuration is { } seconds)
        {
            p.Add(new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
            p.Add(new("Duration", ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture)));
            p.Add(new("SipResponseCode", status == "completed" ? "200" : "487"));
        }

        return p;
    }

    /// <summary>A recording status callback as Twilio sends it (CallSid is the parent leg for a Dial recording).</summary>
    public static List<KeyValuePair<string, string>> RecordingCallback(
        string accountSid, string callSid, string recordingSid, string status = "completed", int duration = 42, int channels = 2, string source = "DialVerb")
    {
        var p = new List<KeyValuePair<string, string>>
        {
            new("RecordingSource", source), new("RecordingTrack", "both"), new("RecordingSid", recordingSid),
            new("RecordingStatus", status), new("RecordingChannels", channels.ToString(CultureInfo.InvariantCulture)),
            new("ErrorCode", "0"), new("CallSid", callSid), new("RecordingStartTime", "Tue, 24 Nov 2026 16:00:00 +0000"),
            new("AccountSid", accountSid),
        };
        if (status == "completed")
        {
            p.Add(new("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}"));
            p.Add(new("RecordingDuration", duration.ToString(CultureInfo.InvariantCulture)));
        }

        return p;
    }

    /// <summary>The answer webhook for an inbound call.</summary>
    public static List<KeyValuePair<string, string>> InboundCall(string accountSid, string callSid, string from, string to) =>
    [
        new("Called", to), new("ToState", "CA"), new("CallerCountry", "US"), new("Direction", "inbound"),
        new("CallerState", "CA"), new("ToZip", ""), new("CallSid", callSid), new("To", to), new("CallerZip", ""),
        new("ToCountry", "US"), new("StirVerstat", "TN-Validation-Passed-A"), new("CallToken", "%7B%22parentCallInfoToken%22%7D"),
        new("CalledZip", ""), new("ApiVersion", "2010-04-01"), new("CalledCity", ""), new("CallStatus", "ringing"),
        new("From", from), new("AccountSid", accountSid), new("CalledCountry", "US"), new("CallerCity", ""),
        new("ToCity", ""), new("FromCountry", "US"), new("Caller", from), new("FromCity", ""), new("CalledState", "CA"),
        new("FromZip", ""), new("FromState", "CA"),
    ];

    /// <summary>The Dial action callback on the parent leg.</summary>
    public static List<KeyValuePair<string, string>> DialAction(
        string accountSid, string callSid, string dialCallSid, string dialCallStatus, int dialDuration, string from, string to) =>
    [
        new("AccountSid", accountSid), new("ApiVersion", "2010-04-01"), new("CallSid", callSid), new("CallStatus", "in-progress"),
        new("Called", to), new("Caller", from), new("DialBridged", dialCallStatus == "completed" ? "true" : "false"),
        new("DialCallDuration", dialDuration.ToString(CultureInfo.InvariantCulture)), new("DialCallSid", dialCallSid),
        new("DialCallStatus", dialCallStatus), new("Direction", "inbound"), new("From", from), new("To", to),
    ];

    /// <summary>Wraps pairs as <see cref="TwilioRequestParameters"/>.</summary>
    public static TwilioRequestParameters AsParameters(this IEnumerable<KeyValuePair<string, string>> pairs) => new(pairs);
}
