using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The one answer for "the call store cannot serve now", used by the webhooks and the call API: 503 as ProblemDetails,
/// with <c>Retry-After</c> so Twilio, a proxy or a client knows that trying again is right.
/// </summary>
internal static class StoreUnavailableProblem
{
    private static readonly string RetryAfterSeconds = 5.ToString(CultureInfo.InvariantCulture);

    public static ProblemHttpResult Create(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Call store unavailable", detail: detail);
    }
}
