namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>What a recording status callback reports.</summary>
/// <param name="AccountSid">The account (<c>AC…</c>).</param>
/// <param name="CallSid">The call the recording belongs to: always the parent leg for a <c>&lt;Dial&gt;</c> recording.</param>
/// <param name="RecordingSid">The recording (<c>RE…</c>).</param>
/// <param name="Status"><c>in-progress</c>, <c>completed</c> or <c>absent</c>.</param>
/// <param name="StartTime">When the recording started.</param>
public sealed record RecordingWebhookInfo(string AccountSid, string CallSid, string RecordingSid, string Status, DateTimeOffset StartTime)
{
    /// <summary>Where the media is (append <c>.mp3</c> or <c>.wav</c>); sent only when <see cref="Status"/> is <c>completed</c>.</summary>
    public string? RecordingUrl { get; init; }

    /// <summary>The length in seconds; sent only when <see cref="Status"/> is <c>completed</c>.</summary>
    public int DurationSeconds { get; init; }

    /// <summary>1, or 2 for a dual-channel recording (parent on channel 1, child on channel 2).</summary>
    public int Channels { get; init; } = 1;

    /// <summary><c>DialVerb</c>, <c>OutboundAPI</c>, <c>RecordVerb</c>, ….</summary>
    public string Source { get; init; } = RecordingSources.DialVerb;

    /// <summary><c>both</c>, <c>inbound</c> or <c>outbound</c>.</summary>
    public string Track { get; init; } = "both";
}

/// <summary>The values of <c>RecordingSource</c> the simulator produces.</summary>
public static class RecordingSources
{
    /// <summary>A recording made by <c>&lt;Dial record=…&gt;</c>.</summary>
    public const string DialVerb = "DialVerb";

    /// <summary>A recording made by <c>Record=true</c> on a call created through the REST API.</summary>
    public const string OutboundApi = "OutboundAPI";
}
