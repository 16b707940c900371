using Twilio.Http;

namespace TwilioCallTracking;

/// <summary>
/// The SDK's HTTP client for one tenant: the SDK's own <see cref="SystemNetHttpClient"/>, which tells the named
/// <see cref="System.Net.Http.HttpClient"/>'s handlers whose request it sends (<see cref="TwilioRequestTenant"/>), so that
/// spans carry the tenant and Twilio's 401 answers are counted against it.
/// </summary>
/// <param name="httpClient">A client from <see cref="IHttpClientFactory"/> (<see cref="TwilioClientFactory.HttpClientName"/>).</param>
/// <param name="tenantId">The tenant whose credentials the SDK client holds.</param>
internal sealed class TenantTwilioHttpClient(System.Net.Http.HttpClient httpClient, string tenantId) : SystemNetHttpClient(httpClient)
{
    /// <inheritdoc/>
    public override async Task<Response> MakeRequestAsync(Request request)
    {
        // Set inside this async method: the value flows into the request and is dropped when the method returns.
        TwilioRequestTenant.Current = tenantId;
        return await base.MakeRequestAsync(request);
    }

    /// <inheritdoc/>
    public override Response MakeRequest(Request request)
    {
        var previous = TwilioRequestTenant.Current;
        TwilioRequestTenant.Current = tenantId;
        try
        {
            return base.MakeRequest(request);
        }
        finally
        {
            TwilioRequestTenant.Current = previous;
        }
    }
}
