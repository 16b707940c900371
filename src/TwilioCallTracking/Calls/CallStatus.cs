namespace TwilioCallTracking;

/// <summary>
/// The status of a call, as Twilio reports it in <c>CallStatus</c>. Written to storage and APIs as Twilio's own
/// strings (<c>in-progress</c>, <c>no-answer</c>, …) through <see cref="CallStatusNames"/>.
/// </summary>
public enum CallStatus
{
    /// <summary><c>queued</c>: the call is waiting to be placed.</summary>
    Queued,

    /// <summary><c>initiated</c>: Twilio started dialling (reported by callbacks only, never by the REST resource).</summary>
    Initiated,

    /// <summary><c>ringing</c>: the destination is ringing.</summary>
    Ringing,

    /// <summary><c>in-progress</c>: the call was answered.</summary>
    InProgress,

    /// <summary><c>completed</c>: the call was answered and has ended normally.</summary>
    Completed,

    /// <summary><c>busy</c>: the callee was busy.</summary>
    Busy,

    /// <summary><c>failed</c>: the call could not be placed (bad number, carrier error, Twilio refused it).</summary>
    Failed,

    /// <summary><c>no-answer</c>: nobody answered, or the callee rejected the call.</summary>
    NoAnswer,

    /// <summary><c>canceled</c>: the call was canceled while queued or ringing.</summary>
    Canceled,
}
