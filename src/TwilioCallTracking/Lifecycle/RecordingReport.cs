namespace TwilioCallTracking;

/// <summary>What a recording status callback (or a completed status callback) says about a call's recording.</summary>
internal sealed record RecordingReport
{
    /// <summary>Twilio's <c>RecordingStatus</c>: <c>in-progress</c>, <c>completed</c> or <c>absent</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The recording's SID (<c>RE…</c>).</summary>
    public string? RecordingSid { get; init; }

    /// <summary>The recording's URL at Twilio.</summary>
    public string? RecordingUrl { get; init; }

    /// <summary>The recording's length in seconds.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>Whether the recording is complete and usable.</summary>
    public bool IsCompleted => string.Equals(Status, "completed", StringComparison.OrdinalIgnoreCase);
}
