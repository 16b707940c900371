namespace TwilioCallTracking.Simulator.Calls;

/// <summary>How the phone at the dialled number behaves, and how the simulator delivers that leg's callbacks.</summary>
public enum CallScenario
{
    /// <summary>Rings, is answered, talks, hangs up: <c>completed</c>.</summary>
    Answer,

    /// <summary>The line is busy: <c>busy</c> (SIP 486), never answered.</summary>
    Busy,

    /// <summary>Rings until the timeout: <c>no-answer</c> (SIP 487).</summary>
    NoAnswer,

    /// <summary>The call cannot be connected: <c>failed</c> (SIP 404), without ringing.</summary>
    Failed,

    /// <summary>Answered normally, but every status and recording callback is delivered twice.</summary>
    DuplicateDelivery,

    /// <summary>Answered normally, but <c>completed</c> is delivered before <c>ringing</c> and <c>in-progress</c>.</summary>
    OutOfOrderDelivery,

    /// <summary>Answered and hung up at once: <c>CallDuration=0</c>, and the recording is <c>absent</c>.</summary>
    HangUpAtOnce,
}
