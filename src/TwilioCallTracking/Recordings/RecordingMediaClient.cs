using System.Net.Http.Headers;
using System.Text;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Fetches a recording's media from Twilio with the tenant's credentials (its API key when it has one, else its auth
/// token: Twilio's media may require HTTP Basic auth, and takes either),
/// passing an HTTP Range through, so a tenant-checked endpoint can stream it to a browser without ever handing out
/// Twilio's URL. The URL is built from the tenant's account SID and the recording SID — never taken from a stored or
/// posted URL — so it cannot be pointed anywhere but Twilio.
/// </summary>
public sealed class RecordingMediaClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TwilioConfigurationCache _secrets;

    internal RecordingMediaClient(IHttpClientFactory httpClientFactory, TwilioConfigurationCache secrets)
    {
        _httpClientFactory = httpClientFactory;
        _secrets = secrets;
    }

    /// <summary>
    /// Requests the recording's media. The caller owns the response: copy its status (200, 206, 416…), headers and body
    /// to the browser, then dispose it.
    /// </summary>
    /// <param name="configuration">The tenant's Twilio configuration (its account owns the recording).</param>
    /// <param name="recordingSid">The recording (<c>RE…</c>).</param>
    /// <param name="format">MP3 or WAV.</param>
    /// <param name="bothChannels">For a dual-channel recording, ask for both channels (<c>RequestedChannels=2</c>).</param>
    /// <param name="range">The browser's Range header, passed through for seeking.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<HttpResponseMessage> GetAsync(
        TwilioConfiguration configuration, string recordingSid, RecordingFormat format, bool bothChannels, RangeHeaderValue? range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TwilioSids.IsRecordingSid(recordingSid))
        {
            throw new ArgumentException("Not a recording SID.", nameof(recordingSid));
        }

        var extension = format == RecordingFormat.Wav ? "wav" : "mp3";
        var url = $"https://api.twilio.com/2010-04-01/Accounts/{configuration.AccountSid}/Recordings/{recordingSid}.{extension}"
            + (bothChannels ? "?RequestedChannels=2" : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var credentials = _secrets.RestCredentials(configuration);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        request.Headers.Range = range;
        var client = _httpClientFactory.CreateClient(TwilioClientFactory.HttpClientName);
        TwilioRequestTenant.Current = configuration.TenantId;
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
