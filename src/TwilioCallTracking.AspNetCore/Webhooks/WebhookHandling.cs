using Microsoft.AspNetCore.Http;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// What the endpoint's handler made of a webhook (applied, duplicate, out of order…), handed back to
/// <see cref="WebhookTelemetryFilter"/> through the request's features for the span and the duration's <c>outcome</c> tag.
/// </summary>
internal sealed class WebhookHandling
{
    public WebhookOutcome? Outcome { get; private set; }

    /// <summary>Tells the telemetry filter of the request (if any) what came of the webhook, and returns <paramref name="result"/>.</summary>
    public static WebhookResult Report(HttpContext http, WebhookResult result)
    {
        if (http.Features.Get<WebhookHandling>() is { } handling)
        {
            handling.Outcome = result.Outcome;
        }

        return result;
    }
}
