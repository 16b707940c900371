namespace TwilioCallTracking;

/// <summary>
/// One thing that happened to a call: a status callback, a recording callback, the call's creation, a Twilio error.
/// Every parameter Twilio posted is kept in <see cref="EventData"/>.
/// </summary>
public sealed record CallEvent
{
    /// <summary>The event's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The call the event belongs to.</summary>
    public Guid CallId { get; set; }

    /// <summary>The tenant the event belongs to (always the call's tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>What happened: a status (<c>ringing</c>, <c>completed</c>, …) or one of <see cref="CallEventTypes"/>.</summary>
    public required string EventType { get; set; }

    /// <summary>The event's payload as a JSON object: for a webhook, every parameter Twilio posted.</summary>
    public required string EventData { get; set; }

    /// <summary>
    /// Identifies one delivery: two events of one call with the same key are the same delivery (Twilio retried it).
    /// Stores enforce uniqueness of (<see cref="CallId"/>, <see cref="DeduplicationKey"/>).
    /// </summary>
    public required string DeduplicationKey { get; set; }

    /// <summary>Twilio's <c>SequenceNumber</c> of a status callback, when it had one.</summary>
    public int? SequenceNumber { get; set; }

    /// <summary>When the event was recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
