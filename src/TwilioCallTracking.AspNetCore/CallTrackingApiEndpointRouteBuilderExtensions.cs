using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the call API a CRM uses.</summary>
public static class CallTrackingApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the call API under <paramref name="prefix"/>: <c>POST /initiate</c> (start a call), <c>GET /</c> (the
    /// tenant's calls, newest first, paged and filtered), <c>GET /{id}</c> (one call with its events) and
    /// <c>GET /{id}/recording</c> (its recording, streamed from Twilio with the tenant's credentials; range requests work). The tenant and
    /// user come from the signed-in user (<see cref="CallTrackingApiOptions.TenantClaimType"/>, or your own
    /// <c>ITenantResolver</c>): 401 when nobody is signed in, 403 without a tenant. Errors are ProblemDetails.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">Where the API lives. Default <c>/api/calls</c>.</param>
    /// <param name="configure">Changes the API options, e.g. the tenant claim.</param>
    /// <returns>The route group, e.g. for <c>.RequireAuthorization()</c> or rate limiting.</returns>
    public static RouteGroupBuilder MapCallTrackingApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/calls", Action<CallTrackingApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(OutboundCallService)) != true)
        {
            throw new InvalidOperationException(
                "TwilioCallTracking's services are missing: call builder.Services.AddTwilioCallTracking(...) before app.MapCallTrackingApi().");
        }

        var options = new CallTrackingApiOptions();
        configure?.Invoke(options);
        var api = new CallApiEndpoints(prefix.TrimEnd('/'), options);
        var group = endpoints.MapGroup(prefix);
        group.WithTags("Calls");
        group.AddEndpointFilter(new StoreUnavailableFilter("The calls could not be read or written now; nothing was changed. Try again shortly."));
        group.MapPost("/initiate", api.InitiateAsync).Accepts<InitiateCallRequest>("application/json");
        group.MapGet("/", api.ListAsync);
        group.MapGet("/{id:guid}", api.GetAsync);
        group.MapGet("/{id:guid}/recording", api.GetRecordingAsync);
        return group;
    }
}
