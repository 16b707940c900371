using Twilio.Clients;
using Twilio.Http;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// The default <see cref="ITwilioClientFactory"/>: the official SDK's <see cref="TwilioRestClient"/> over the named
/// <see cref="System.Net.Http.HttpClient"/> <see cref="HttpClientName"/>, whose handlers a host (or a test) can configure.
/// </summary>
/// <param name="httpClientFactory">Creates the HTTP client the SDK uses.</param>
/// <param name="protector">Decrypts the tenant's auth token.</param>
public sealed class TwilioClientFactory(IHttpClientFactory httpClientFactory, IAuthTokenProtector protector) : ITwilioClientFactory
{
    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> the SDK uses (configure it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "TwilioCallTracking.Twilio";

    /// <inheritdoc/>
    public ITwilioRestClient Create(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var authToken = protector.Unprotect(configuration.ProtectedAuthToken);
        var http = new SystemNetHttpClient(httpClientFactory.CreateClient(HttpClientName));
        return new TwilioRestClient(configuration.AccountSid, authToken, configuration.AccountSid, httpClient: http);
    }
}
