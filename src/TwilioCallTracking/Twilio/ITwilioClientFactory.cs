using Twilio.Clients;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Creates the Twilio SDK client for one tenant (an SDK client's account SID is fixed at construction, so each tenant
/// gets its own), with the tenant's decrypted credentials (its API key when it has one, else its auth token), over an <see cref="System.Net.Http.HttpClient"/> from <see cref="IHttpClientFactory"/>.
/// </summary>
public interface ITwilioClientFactory
{
    /// <summary>Creates a REST client for the tenant of <paramref name="configuration"/>.</summary>
    ITwilioRestClient Create(TwilioConfiguration configuration);
}
