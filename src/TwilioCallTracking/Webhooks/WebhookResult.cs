using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>What happened to one webhook.</summary>
public enum WebhookOutcome
{
    /// <summary>Stored: the call changed and/or the event was appended.</summary>
    Applied,

    /// <summary>A late callback: logged as an event, the call's status kept.</summary>
    OutOfOrder,

    /// <summary>The same delivery was stored before (Twilio retried it): nothing written. Normal traffic.</summary>
    Duplicate,

    /// <summary>The parameters were not what Twilio sends: nothing written. See <see cref="WebhookResult.Errors"/>.</summary>
    Invalid,

    /// <summary>The webhook names a call this tenant does not have, and it cannot be created from the webhook: nothing written.</summary>
    UnknownCall,
}

/// <summary>The outcome of applying a webhook.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Call">The call after the webhook, when known.</param>
/// <param name="Errors">What was wrong with the parameters, for <see cref="WebhookOutcome.Invalid"/>.</param>
/// <param name="Twiml">The TwiML to answer Twilio with, for the answer and Dial action webhooks.</param>
public sealed record WebhookResult(WebhookOutcome Outcome, Call? Call = null, WebhookValidationErrors? Errors = null, string? Twiml = null)
{
    /// <summary>A result for invalid parameters.</summary>
    public static WebhookResult Invalid(WebhookValidationErrors errors) => new(WebhookOutcome.Invalid, Errors: errors);
}
