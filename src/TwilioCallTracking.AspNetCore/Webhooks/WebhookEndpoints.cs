using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The voice webhook handlers. Each runs after <see cref="TwilioWebhookFilter"/> (which authenticated the request and
/// found its tenant) and hands the parameters to the core service of its kind. None calls Twilio's REST API:
/// Twilio waits at most 15 s for an answer.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary><c>POST /answer</c>: stores the inbound call and answers with the TwiML that forwards it.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> AnswerAsync(HttpContext http, [FromServices] InboundCallWebhook inbound)
    {
        var webhook = http.Features.GetRequiredFeature<TwilioWebhook>();
        var result = WebhookHandling.Report(http, await inbound.HandleAsync(webhook.Tenant, webhook.Parameters, webhook.Url.BaseUri, http.RequestAborted));
        return result.Outcome == WebhookOutcome.Invalid ? TwimlResults.Invalid(result) : TwimlResults.Twiml(result.Twiml!);
    }

    /// <summary><c>POST /status</c>: applies a call status callback; 204 also for late and duplicate ones (normal traffic).</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> StatusAsync(HttpContext http, [FromServices] StatusCallbackWebhook status)
    {
        var webhook = http.Features.GetRequiredFeature<TwilioWebhook>();
        return Acknowledge(http, await status.HandleAsync(webhook.Tenant, webhook.Parameters, webhook.CallId, http.RequestAborted));
    }

    /// <summary><c>POST /recording</c>: applies a recording status callback.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordingAsync(HttpContext http, [FromServices] RecordingCallbackWebhook recording)
    {
        var webhook = http.Features.GetRequiredFeature<TwilioWebhook>();
        return Acknowledge(http, await recording.HandleAsync(webhook.Tenant, webhook.Parameters, webhook.CallId, http.RequestAborted));
    }

    /// <summary><c>POST /dial-action</c>: records how the forwarded leg ended and answers with an empty <c>&lt;Response/&gt;</c>.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> DialActionAsync(HttpContext http, [FromServices] DialActionWebhook dialAction)
    {
        var webhook = http.Features.GetRequiredFeature<TwilioWebhook>();
        var result = WebhookHandling.Report(http, await dialAction.HandleAsync(webhook.Tenant, webhook.Parameters, http.RequestAborted));
        return result.Outcome == WebhookOutcome.Invalid ? TwimlResults.Invalid(result) : TwimlResults.Twiml(result.Twiml!);
    }

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Acknowledge(HttpContext http, WebhookResult result) => WebhookHandling.Report(http, result).Outcome switch
    {
        WebhookOutcome.Invalid => TwimlResults.Invalid(result),
        WebhookOutcome.UnknownCall => TwimlResults.UnknownCall(),
        _ => TypedResults.NoContent(),
    };
}
