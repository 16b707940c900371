using Microsoft.AspNetCore.Http;
using TwilioCallTracking.Simulator.Rest;

namespace TwilioCallTracking.Simulator.Media;

/// <summary>
/// <c>GET …/Recordings/{Sid}</c>: <c>.json</c> is the Recording resource (authenticated); <c>.wav</c>, <c>.mp3</c> or
/// no extension (WAV, as Twilio) is the media, with HTTP range support (206) so players can seek, and
/// <c>?RequestedChannels=2</c> for both channels of a dual recording.
/// </summary>
internal static class RecordingMediaEndpoint
{
    public static IResult Handle(HttpContext http, string accountSid, string file)
    {
        var simulator = http.RequestServices.GetSimulator();
        var extension = Path.GetExtension(file);
        var sid = extension.Length > 0 ? file[..^extension.Length] : file;
        var needsAuthentication = extension == ".json" || simulator.Options.RequireAuthenticationForMedia;
        if (needsAuthentication && AccountAuthentication.Authenticate(http, simulator, accountSid) is null)
        {
            return AccountAuthentication.Refuse(http);
        }

        if (simulator.GetRecording(sid) is not { } recording || recording.AccountSid != accountSid)
        {
            return TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult();
        }

        var duration = TimeSpan.FromSeconds(recording.DurationSeconds);
        var channels = http.Request.Query["RequestedChannels"] == "2" ? Math.Min(2, recording.Channels) : 1;
        return extension switch
        {
            ".json" => TwilioApiResults.Json(TwilioResourceJson.Recording(recording)),
            ".mp3" => Results.File(Mp3Recording.Create(duration, channels), "audio/mpeg", enableRangeProcessing: true),
            ".wav" or "" => Results.File(WavRecording.Create(duration, channels), "audio/x-wav", enableRangeProcessing: true),
            _ => TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult(),
        };
    }
}
