namespace TwilioCallTracking.Simulator.Twiml;

/// <summary>One verb of a TwiML document, as far as the simulator follows it.</summary>
internal abstract record TwimlVerb(string Name);

/// <summary><c>&lt;Say&gt;</c>: takes as long as the words take to speak.</summary>
internal sealed record SayVerb(string Text, int Loop) : TwimlVerb("Say");

/// <summary><c>&lt;Pause length&gt;</c> (default 1 s).</summary>
internal sealed record PauseVerb(int LengthSeconds) : TwimlVerb("Pause");

/// <summary><c>&lt;Play&gt;</c>: the simulator has no media to play; it counts a few seconds per loop.</summary>
internal sealed record PlayVerb(int Loop) : TwimlVerb("Play");

/// <summary><c>&lt;Gather&gt;</c>: plays its nested verbs, waits <c>timeout</c> seconds for digits that never come, and goes on.</summary>
internal sealed record GatherVerb(int TimeoutSeconds, IReadOnlyList<TwimlVerb> Nested) : TwimlVerb("Gather");

/// <summary><c>&lt;Hangup/&gt;</c>.</summary>
internal sealed record HangupVerb() : TwimlVerb("Hangup");

/// <summary><c>&lt;Reject reason&gt;</c>: <c>rejected</c> (default, reported as no-answer) or <c>busy</c>.</summary>
internal sealed record RejectVerb(string Reason) : TwimlVerb("Reject");

/// <summary><c>&lt;Redirect method&gt;url&lt;/Redirect&gt;</c>.</summary>
internal sealed record RedirectVerb(string Url, string Method) : TwimlVerb("Redirect");

/// <summary>A verb the simulator does not follow (it is skipped and logged).</summary>
internal sealed record UnsupportedVerb(string VerbName) : TwimlVerb(VerbName);

/// <summary><c>&lt;Number&gt;</c> inside <c>&lt;Dial&gt;</c>, with its child-leg status callback.</summary>
/// <param name="PhoneNumber">The number to dial.</param>
/// <param name="StatusCallback">Where the child leg's status callbacks go.</param>
/// <param name="StatusCallbackMethod"><c>POST</c> or <c>GET</c>.</param>
/// <param name="StatusCallbackEvents">The events asked for (space-separated in TwiML); <c>completed</c> when none.</param>
internal sealed record DialNumber(string PhoneNumber, string? StatusCallback, string StatusCallbackMethod, IReadOnlyList<string> StatusCallbackEvents);

/// <summary><c>&lt;Dial&gt;</c> with the attributes the simulator follows.</summary>
internal sealed record DialVerb : TwimlVerb
{
    public DialVerb() : base("Dial")
    {
    }

    public string? Action { get; init; }

    public string Method { get; init; } = "POST";

    public int TimeoutSeconds { get; init; } = 30;

    public int TimeLimitSeconds { get; init; } = 14400;

    public string? CallerId { get; init; }

    /// <summary>do-not-record, record-from-answer, record-from-ringing, record-from-answer-dual or record-from-ringing-dual.</summary>
    public string Record { get; init; } = "do-not-record";

    public string? RecordingStatusCallback { get; init; }

    public string RecordingStatusCallbackMethod { get; init; } = "POST";

    public IReadOnlyList<string> RecordingStatusCallbackEvents { get; init; } = ["completed"];

    public IReadOnlyList<DialNumber> Numbers { get; init; } = [];

    /// <summary>Nouns the simulator cannot dial (<c>Client</c>, <c>Sip</c>, <c>Conference</c>, <c>Queue</c>).</summary>
    public IReadOnlyList<string> UnsupportedNouns { get; init; } = [];

    public bool Records => Record != "do-not-record";

    public bool RecordsDual => Record.EndsWith("-dual", StringComparison.Ordinal);

    public bool RecordsFromRinging => Record.StartsWith("record-from-ringing", StringComparison.Ordinal);
}
