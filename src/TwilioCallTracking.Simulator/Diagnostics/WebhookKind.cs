namespace TwilioCallTracking.Simulator.Diagnostics;

/// <summary>What a webhook the simulator sent was for.</summary>
public enum WebhookKind
{
    /// <summary>The answer webhook of an inbound call (the number's voice URL): TwiML comes back.</summary>
    Answer,

    /// <summary>The <c>Url</c> of an outbound call, or a <c>&lt;Redirect&gt;</c>: TwiML comes back.</summary>
    Twiml,

    /// <summary>A call status callback.</summary>
    StatusCallback,

    /// <summary>The <c>&lt;Dial&gt;</c> action: TwiML comes back.</summary>
    DialAction,

    /// <summary>A recording status callback.</summary>
    RecordingStatusCallback,
}
