using System.Net.Http.Headers;
using System.Security.Claims;
using MinimalCrm.Accounts;
using TwilioCallTracking;
using TwilioCallTracking.Configuration;
using TwilioCallTracking.Recordings;

namespace MinimalCrm.Calls;

/// <summary>
/// Plays a call's recording through the CRM: the browser asks the CRM (signed in, tenant-scoped) and the CRM streams
/// the media from Twilio with the tenant's credentials (<see cref="RecordingMediaClient"/>), so recording URLs never
/// leave the server and Twilio's "HTTP auth on media" setting can stay on. Range requests pass through for seeking.
/// </summary>
public static class RecordingPlayback
{
    private static readonly string[] CopiedHeaders = ["Content-Type", "Content-Length", "Content-Range", "Accept-Ranges"];

    /// <summary>The path of a call's recording, for the player.</summary>
    public static string PathFor(Guid callId) => $"/calls/{callId:N}/recording";

    /// <summary>Maps <c>GET /calls/{id}/recording</c>.</summary>
    public static IEndpointConventionBuilder MapRecordingPlayback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/calls/{id:guid}/recording", PlayAsync).RequireAuthorization();

    private static async Task<IResult> PlayAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, CallTrackingService calls, TwilioConfigurationService configurations,
        RecordingMediaClient media, CancellationToken cancellationToken)
    {
        var tenantId = user.GetTenantId();
        var call = await calls.FindCallAsync(tenantId, id, cancellationToken);
        var configuration = await configurations.FindAsync(tenantId, cancellationToken);
        if (call?.RecordingSid is null || configuration is null)
        {
            return TypedResults.NotFound();
        }

        var range = RangeHeaderValue.TryParse(http.Request.Headers.Range, out var parsed) ? parsed : null;
        var response = await media.GetAsync(configuration, call.RecordingSid, RecordingFormat.Mp3, bothChannels: false, range, cancellationToken);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Problem(
                $"Twilio answered {(int)response.StatusCode} for recording {call.RecordingSid}: it may not be ready yet, or was deleted.",
                statusCode: StatusCodes.Status502BadGateway);
        }

        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in CopiedHeaders)
        {
            if (response.Content.Headers.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
        return TypedResults.Empty;
    }
}
