namespace TwilioCallTracking;

/// <summary>How a forwarded call is recorded: the values of <c>&lt;Dial record&gt;</c>.</summary>
public enum RecordingMode
{
    /// <summary><c>do-not-record</c>.</summary>
    DoNotRecord,

    /// <summary><c>record-from-answer</c>: one channel, from when the forwarded phone answers.</summary>
    RecordFromAnswer,

    /// <summary><c>record-from-ringing</c>: one channel, including the ringing.</summary>
    RecordFromRinging,

    /// <summary><c>record-from-answer-dual</c>: caller and callee on separate channels, from answer.</summary>
    RecordFromAnswerDual,

    /// <summary><c>record-from-ringing-dual</c>: caller and callee on separate channels, including the ringing (the default).</summary>
    RecordFromRingingDual,
}
