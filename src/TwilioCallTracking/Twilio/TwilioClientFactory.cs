using Twilio.Clients;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// The default <see cref="ITwilioClientFactory"/>: the official SDK's <see cref="TwilioRestClient"/> over the named
/// <see cref="System.Net.Http.HttpClient"/> <see cref="HttpClientName"/>, whose handlers a host (or a test) can configure.
/// </summary>
public sealed class TwilioClientFactory : ITwilioClientFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TwilioConfigurationCache _secrets;

    internal TwilioClientFactory(IHttpClientFactory httpClientFactory, TwilioConfigurationCache secrets)
    {
        _httpClientFactory = httpClientFactory;
        _secrets = secrets;
    }

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> the SDK uses (configure it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "TwilioCallTracking.Twilio";

    /// <inheritdoc/>
    public ITwilioRestClient Create(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var credentials = _secrets.RestCredentials(configuration);
        var http = new TenantTwilioHttpClient(_httpClientFactory.CreateClient(HttpClientName), configuration.TenantId);
        return new TwilioRestClient(credentials.Username, credentials.Password, accountSid: configuration.AccountSid, httpClient: http);
    }
}
