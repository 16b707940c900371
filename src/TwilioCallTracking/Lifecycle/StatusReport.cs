namespace TwilioCallTracking;

/// <summary>
/// What one source (a status callback, the REST API) says about a call's status, reduced to what the lifecycle rules
/// need. The raw status string is kept even when it is not a known <see cref="CallStatus"/>.
/// </summary>
internal sealed record StatusReport
{
    /// <summary>The status string as Twilio sent it.</summary>
    public required string RawStatus { get; init; }

    /// <summary>The parsed status, or <see langword="null"/> for a string Twilio has not documented.</summary>
    public CallStatus? Status { get; init; }

    /// <summary>When the status happened (Twilio's <c>Timestamp</c> when it sent one, else when it was received).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Twilio's <c>CallDuration</c>, in seconds, on terminal statuses.</summary>
    public int? CallDurationSeconds { get; init; }

    /// <summary>Twilio's raw direction.</summary>
    public string? TwilioDirection { get; init; }

    /// <summary>The SID of the parent call, for a child leg.</summary>
    public string? ParentCallSid { get; init; }

    /// <summary>Twilio's error code, when the source carried one.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Twilio's error message, when the source carried one.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A recording that rode on the callback (Twilio adds it to <c>completed</c> when recording was on).</summary>
    public RecordingReport? Recording { get; init; }

    /// <summary>The caller, when the source carried it (fills a call stored before its caller was known).</summary>
    public string? From { get; init; }

    /// <summary>The callee, when the source carried it.</summary>
    public string? To { get; init; }

    /// <summary>What Twilio charged (only the REST API knows it, some time after the call).</summary>
    public decimal? Price { get; init; }

    /// <summary>The currency of <see cref="Price"/>.</summary>
    public string? PriceUnit { get; init; }
}
