namespace TwilioCallTracking.Simulator.Calls;

/// <summary>A recording the simulator made, whose media it serves as WAV and MP3.</summary>
public sealed record SimulatedRecording
{
    /// <summary>The recording's SID (<c>RE…</c>).</summary>
    public required string Sid { get; init; }

    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The call it belongs to (the parent leg for a Dial recording).</summary>
    public required string CallSid { get; init; }

    /// <summary>1, or 2 for a dual-channel recording.</summary>
    public required int Channels { get; init; }

    /// <summary>The length in seconds.</summary>
    public required int DurationSeconds { get; init; }

    /// <summary>When the recording started.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary><c>DialVerb</c> or <c>OutboundAPI</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The media URL without extension, under the simulator's base URL.</summary>
    public required string Url { get; init; }
}
