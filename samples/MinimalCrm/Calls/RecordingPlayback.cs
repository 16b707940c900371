using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using MinimalCrm.Accounts;
using TwilioCallTracking;
using TwilioCallTracking.Configuration;
using TwilioCallTracking.TwilioApi;

namespace MinimalCrm.Calls;

/// <summary>
/// Plays a call's recording through the CRM: the browser asks the CRM (signed in, tenant-scoped) and the CRM fetches
/// the media from Twilio with the tenant's credentials, so recording URLs never leave the server and Twilio's
/// "HTTP auth on media" setting can stay on.
/// </summary>
public static class RecordingPlayback
{
    /// <summary>The media format asked of Twilio: <c>mp3</c> (Twilio also serves <c>wav</c>).</summary>
    public const string Format = "mp3";

    /// <summary>The path of a call's recording, for the player.</summary>
    public static string PathFor(Guid callId) => $"/calls/{callId:N}/recording";

    /// <summary>Maps <c>GET /calls/{id}/recording</c>.</summary>
    public static IEndpointConventionBuilder MapRecordingPlayback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/calls/{id:guid}/recording", PlayAsync).RequireAuthorization();

    private static async Task<IResult> PlayAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, CallTrackingService calls, TwilioConfigurationService configurations,
        IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var tenantId = user.GetTenantId();
        var call = await calls.FindCallAsync(tenantId, id, cancellationToken);
        var configuration = await configurations.FindAsync(tenantId, cancellationToken);
        if (call?.RecordingSid is null || configuration is null)
        {
            return TypedResults.NotFound();
        }

        // Twilio's media address for a recording; with TwilioApiBaseUrl set (the simulator) the SDK's HTTP client sends it there.
        var media = new Uri($"https://api.twilio.com/2010-04-01/Accounts/{configuration.AccountSid}/Recordings/{call.RecordingSid}.{Format}");
        using var request = new HttpRequestMessage(HttpMethod.Get, media);
        var credentials = $"{configuration.AccountSid}:{configurations.RevealAuthToken(configuration)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var response = await clients.CreateClient(TwilioClientFactory.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Problem(
                $"Twilio answered {(int)response.StatusCode} for recording {call.RecordingSid}: it may not be ready yet, or was deleted.",
                statusCode: StatusCodes.Status502BadGateway);
        }

        return TypedResults.Stream(
            await response.Content.ReadAsStreamAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString() ?? "audio/mpeg");
    }
}
