namespace TwilioCallTracking;

/// <summary>
/// The kinds of <see cref="CallNotification"/> (its <see cref="CallNotification.Type"/>, and what outgoing webhook
/// subscriptions choose from). A change may raise several at once (a call stored already completed raises
/// <see cref="Started"/>, <see cref="Answered"/> and <see cref="Ended"/>), in the order listed here.
/// </summary>
public static class CallNotificationTypes
{
    /// <summary>
    /// A call leg was stored for the first time: an outbound call requested from the CRM, an inbound call answered by the
    /// library's TwiML, or a child leg (the forward to a rep's phone) Twilio reported.
    /// </summary>
    public const string Started = "call.started";

    /// <summary>The leg started ringing.</summary>
    public const string Ringing = "call.ringing";

    /// <summary>
    /// The leg was answered (<see cref="CallNotificationData.AnsweredBy"/> is the number that picked up). For an inbound
    /// call forwarded to a rep, the rep answering is the child leg's notification.
    /// </summary>
    public const string Answered = "call.answered";

    /// <summary>The leg reached its final status (completed, busy, no-answer, canceled or failed), with its duration.</summary>
    public const string Ended = "call.ended";

    /// <summary>The call's recording is complete and can be played through the library's recording proxy.</summary>
    public const string RecordingReady = "call.recording-ready";

    /// <summary>Twilio priced the call.</summary>
    public const string PriceKnown = "call.price-known";

    /// <summary>The call was linked to one of the CRM's contacts.</summary>
    public const string ContactMatched = "call.contact-matched";

    /// <summary>Every type, in the order a change raises them.</summary>
    public static IReadOnlyList<string> All { get; } = [Started, Ringing, Answered, Ended, RecordingReady, PriceKnown, ContactMatched];

    /// <summary>Whether <paramref name="type"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
