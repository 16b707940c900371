using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>The answers the webhook endpoints give Twilio.</summary>
internal static class TwimlResults
{
    /// <summary>TwiML as <c>text/xml; charset=utf-8</c>.</summary>
    public static ContentHttpResult Twiml(string twiml) => TypedResults.Text(twiml, "text/xml", Encoding.UTF8);

    /// <summary>400 with the parameters at fault, as a validation ProblemDetails.</summary>
    public static ValidationProblem Invalid(WebhookResult result) =>
        TypedResults.ValidationProblem(result.Errors?.Errors ?? new Dictionary<string, string[]>(), title: "The webhook's parameters are not what Twilio sends");

    /// <summary>
    /// 403, the same for every webhook not signed with the auth token of a tenant: unsigned, for no known tenant, or a
    /// signature that does not match. Its body and headers say nothing about which it was, or which tenants exist.
    /// </summary>
    public static ProblemHttpResult Refused() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Webhook refused",
            detail: "The request is not signed with the auth token of a tenant of this app. The app's log and WebhookDiagnostics say why.");

    /// <summary>404: the webhook names a call the tenant does not have.</summary>
    public static ProblemHttpResult UnknownCall() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown call", detail: "The tenant has no call with this CallSid; nothing was written.");
}
