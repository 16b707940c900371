namespace TwilioCallTracking;

/// <summary>Which Twilio webhook a request is: the one type used for routing, metric tags, logs and events.</summary>
public enum TwilioWebhookKind
{
    /// <summary>An endpoint the app mapped itself on a webhook group: signed and resolved to a tenant like the others.</summary>
    Other,

    /// <summary><c>POST /answer</c>: an inbound call asks what to do.</summary>
    Answer,

    /// <summary><c>POST /status</c>: a call status callback (parent or child leg).</summary>
    Status,

    /// <summary><c>POST /recording</c>: a recording status callback.</summary>
    Recording,

    /// <summary><c>POST /dial-action</c>: the forwarded leg of an inbound call ended.</summary>
    DialAction,
}

/// <summary>The names of <see cref="TwilioWebhookKind"/> used in logs, metrics and diagnostics.</summary>
public static class TwilioWebhookKindNames
{
    /// <summary>Returns <c>answer</c>, <c>status</c>, <c>recording</c>, <c>dial-action</c> or <c>other</c>.</summary>
    public static string ToName(this TwilioWebhookKind kind) => kind switch
    {
        TwilioWebhookKind.Answer => "answer",
        TwilioWebhookKind.Status => "status",
        TwilioWebhookKind.Recording => "recording",
        TwilioWebhookKind.DialAction => "dial-action",
        _ => "other",
    };
}
