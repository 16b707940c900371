namespace TwilioCallTracking;

/// <summary>
/// One phone call leg tracked for a tenant: an outbound call started from the CRM, an inbound call to a tenant's Twilio
/// number, or the forwarded child leg (<c>outbound-dial</c>) of an inbound call.
/// </summary>
/// <remarks>
/// Instances are snapshots: the library never mutates a stored call in place; it computes the next state with the
/// lifecycle rules on a copy (<c>call with { }</c>) and hands it to the store with the <see cref="Version"/> it read.
/// Every field is declared here once: equality is the record's (all fields, <see cref="Version"/> included), and the
/// stores map the fields from their model, never from a list of their own.
/// </remarks>
public sealed record Call
{
    /// <summary>The call's own identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant the call belongs to. Every store operation is scoped by it.</summary>
    public required string TenantId { get; set; }

    /// <summary>Twilio's call SID (<c>CA</c> + 32 hex digits); <see langword="null"/> until Twilio accepted an outbound call.</summary>
    public string? TwilioCallSid { get; set; }

    /// <summary>The SID of the parent call, for a child leg created by <c>&lt;Dial&gt;</c>.</summary>
    public string? ParentCallSid { get; set; }

    /// <summary>The caller, as Twilio reported it (E.164 when possible, otherwise the raw caller ID such as <c>anonymous</c>).</summary>
    public required string From { get; set; }

    /// <summary>The callee, as Twilio reported it.</summary>
    public required string To { get; set; }

    /// <summary>Inbound or outbound.</summary>
    public CallDirection Direction { get; set; }

    /// <summary>Twilio's raw direction: <c>inbound</c>, <c>outbound-api</c>, <c>outbound-dial</c>, ….</summary>
    public string? TwilioDirection { get; set; }

    /// <summary>The call's current status. It only moves forward (see <see cref="CallLifecycle"/>).</summary>
    public CallStatus Status { get; set; }

    /// <summary>How long the call lasted, in seconds (Twilio's <c>CallDuration</c>), once it ended.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>The SID of the call's recording (<c>RE…</c>).</summary>
    public string? RecordingSid { get; set; }

    /// <summary>Twilio's URL of the recording (append <c>.mp3</c> or <c>.wav</c> for the media).</summary>
    public string? RecordingUrl { get; set; }

    /// <summary>The recording's length in seconds.</summary>
    public int? RecordingDurationSeconds { get; set; }

    /// <summary>What Twilio charged, as it reports it (negative, e.g. <c>-0.0130</c>); known only some time after the call.</summary>
    public decimal? Price { get; set; }

    /// <summary>The currency of <see cref="Price"/> (e.g. <c>USD</c>).</summary>
    public string? PriceUnit { get; set; }

    /// <summary>The CRM contact the call is about, when known.</summary>
    public Guid? ContactId { get; set; }

    /// <summary>
    /// Whether several contacts have the caller's number, so the call was linked to none of them (flagged, not guessed).
    /// </summary>
    public bool ContactAmbiguous { get; set; }

    /// <summary>The CRM user who started the call (outbound) or took it.</summary>
    public string? UserId { get; set; }

    /// <summary>For an inbound call that was forwarded: the forwarded leg's final <c>DialCallStatus</c>.</summary>
    public string? DialCallStatus { get; set; }

    /// <summary>When the call was first recorded by this library (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the call was answered (the first <c>in-progress</c>), UTC.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the call reached a terminal status, UTC.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Twilio's error code when the call failed (e.g. <c>21211</c> for an invalid number).</summary>
    public int? ErrorCode { get; set; }

    /// <summary>A human-readable reason the call failed.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Optimistic concurrency token: incremented by the store on every update.</summary>
    public long Version { get; set; }
}
