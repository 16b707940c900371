using System.Diagnostics;

namespace TwilioCallTracking;

/// <summary>The values of the <c>outcome</c> tag shared by webhooks, Twilio REST requests and store operations.</summary>
internal static class TelemetryOutcomes
{
    /// <summary>Done (a store read or write, a Twilio request answered 2xx/3xx, an app's own webhook endpoint answered).</summary>
    public const string Ok = "ok";

    /// <summary>
    /// A webhook refused before it reached its handler (unsigned, for no tenant, or not signed with the tenant's token);
    /// a Twilio request answered 4xx (401: a wrong auth token).
    /// </summary>
    public const string Refused = "refused";

    /// <summary>A webhook whose body or parameters are not what Twilio sends (400, 413, 415).</summary>
    public const string Invalid = "invalid";

    /// <summary>A webhook answered 503: the store could not take it in time (Twilio retries it).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Twilio answered 5xx.</summary>
    public const string TwilioFailed = "failed";

    /// <summary>No answer in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>Twilio could not be reached (connection refused, name not resolved, TLS).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The caller gave up (its cancellation token).</summary>
    public const string Canceled = "canceled";

    /// <summary>An exception the operation did not expect.</summary>
    public const string Error = "error";

    /// <summary>The outcome of a webhook's handler.</summary>
    public static string Of(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Applied => "applied",
        WebhookOutcome.OutOfOrder => "out_of_order",
        WebhookOutcome.Duplicate => "duplicate",
        WebhookOutcome.Invalid => Invalid,
        _ => "unknown_call",
    };

    /// <summary>The outcome of a store's <see cref="ICallStore.ChangeAsync"/>.</summary>
    public static string Of(CallChangeOutcome outcome) => outcome switch
    {
        CallChangeOutcome.Saved => "saved",
        CallChangeOutcome.Duplicate => "duplicate",
        CallChangeOutcome.Conflict => "conflict",
        _ => "unchanged",
    };

    /// <summary>
    /// Marks <paramref name="activity"/> failed by <paramref name="exception"/>: its status and <c>error.type</c> name the
    /// exception's type only, since a message may carry values from a request or a database.
    /// </summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        var type = exception.GetType().FullName;
        activity.SetTag(TelemetryTags.ErrorType, type);
        activity.SetStatus(ActivityStatusCode.Error, type);
    }
}
