using TwilioCallTracking;

namespace MinimalCrm.Calls;

/// <summary>How calls read on the pages: durations as m:ss, statuses as badges, times in UTC.</summary>
public static class CallFormat
{
    /// <summary>A duration in seconds as <c>m:ss</c> (<c>1:05</c>), or a dash when unknown.</summary>
    public static string Duration(int? seconds) =>
        seconds is { } s ? $"{s / 60}:{s % 60:00}" : "—";

    /// <summary>A call's duration as <c>m:ss</c>; a dash for a call that was never answered (busy, no-answer, failed, refused).</summary>
    public static string Duration(Call call) =>
        call.DurationSeconds is 0 && call.AnsweredAt is null ? "—" : Duration(call.DurationSeconds);

    /// <summary>The CSS class of a status badge: grey while waiting, blue while live, green when completed, red when it did not connect.</summary>
    public static string BadgeClass(CallStatus status) => status switch
    {
        CallStatus.Queued or CallStatus.Initiated => "badge badge-waiting",
        CallStatus.Ringing or CallStatus.InProgress => "badge badge-live",
        CallStatus.Completed => "badge badge-ok",
        _ => "badge badge-bad",
    };

    /// <summary>A time as <c>yyyy-MM-dd HH:mm:ss</c> UTC.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The other party's number: who called (inbound) or who was called (outbound).</summary>
    public static string OtherParty(Call call) => call.Direction == CallDirection.Inbound ? call.From : call.To;

    /// <summary>
    /// Where the player gets a call's recording: the call API's <c>GET /api/calls/{id}/recording</c> (mapped by
    /// <c>MapCallTrackingApi()</c>), which streams it from Twilio with the tenant's credentials, so Twilio's URL never
    /// reaches the browser.
    /// </summary>
    public static string RecordingPath(Call call) => $"/api/calls/{call.Id}/recording";

    /// <summary>Inbound or outbound, with an arrow.</summary>
    public static string Direction(CallDirection direction) => direction == CallDirection.Inbound ? "↙ inbound" : "↗ outbound";
}
