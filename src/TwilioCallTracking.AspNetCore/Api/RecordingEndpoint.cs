using System.Net;
using Microsoft.AspNetCore.Http;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// <c>GET /{id}/recording</c>: streams a call's recording to the signed-in user of the call's tenant, fetched from
/// Twilio with the tenant's credentials, so Twilio's URL never reaches a browser. Range requests are passed through
/// (206), so players can seek. Query: <c>format</c> (<c>mp3</c>, default, or <c>wav</c>), <c>channels</c> (<c>1</c>,
/// default, or <c>2</c> for both channels of a dual-channel recording).
/// </summary>
internal static class RecordingEndpoint
{
    private static readonly string[] CopiedHeaders = ["Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "ETag", "Last-Modified"];

    public static async Task<IResult> GetAsync(
        Guid id,
        HttpContext http,
        CallTrackingUser user,
        TracedCallStore calls,
        TwilioConfigurationService configurations,
        RecordingMediaClient media)
    {
        var format = http.Request.Query["format"].ToString() switch
        {
            "" or "mp3" => RecordingFormat.Mp3,
            "wav" => RecordingFormat.Wav,
            _ => (RecordingFormat?)null,
        };
        var channels = http.Request.Query["channels"].ToString() switch
        {
            "" or "1" => 1,
            "2" => 2,
            _ => 0,
        };
        if (format is null || channels == 0)
        {
            var errors = new Dictionary<string, string[]>();
            if (format is null)
            {
                errors["format"] = ["The format is 'mp3' or 'wav'."];
            }

            if (channels == 0)
            {
                errors["channels"] = ["Ask for 1 channel, or 2 for both channels of a dual-channel recording."];
            }

            return TypedResults.ValidationProblem(errors);
        }

        if (await calls.FindByIdAsync(user.TenantId, id, http.RequestAborted) is not { } call)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Call not found", detail: $"The tenant has no call {id}.");
        }

        if (call.RecordingSid is not { } recordingSid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No recording", detail: "This call has no recording (yet): Twilio reports it shortly after the call ends.");
        }

        if (await configurations.FindAsync(user.TenantId, http.RequestAborted) is not { } configuration)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Twilio is not configured for this tenant", detail: TwilioConfigurationService.NotConfiguredMessage(user.TenantId));
        }

        // A Range header that does not parse is ignored, as HTTP allows: the whole recording is sent.
        var range = System.Net.Http.Headers.RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var parsed) ? parsed : null;
        var upstream = await media.GetAsync(configuration, recordingSid, format.Value, channels == 2, range, http.RequestAborted);
        http.Response.RegisterForDispose(upstream);
        if (upstream.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Twilio did not serve the recording",
                detail: $"Twilio answered {(int)upstream.StatusCode} for recording {recordingSid}.");
        }

        return new UpstreamMediaResult(upstream);
    }

    /// <summary>Copies Twilio's status, media headers and body to the browser.</summary>
    private sealed class UpstreamMediaResult(HttpResponseMessage upstream) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = (int)upstream.StatusCode;
            foreach (var name in CopiedHeaders)
            {
                if (upstream.Headers.TryGetValues(name, out var values) || upstream.Content.Headers.TryGetValues(name, out values))
                {
                    response.Headers[name] = values.ToArray();
                }
            }

            response.Headers.CacheControl = "private, max-age=3600";
            await using var body = await upstream.Content.ReadAsStreamAsync(httpContext.RequestAborted);
            await body.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
