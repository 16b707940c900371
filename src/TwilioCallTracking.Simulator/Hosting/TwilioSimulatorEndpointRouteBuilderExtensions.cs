using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwilioCallTracking.Simulator.Control;
using TwilioCallTracking.Simulator.Rest;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Twilio simulator into an ASP.NET Core application.</summary>
public static class TwilioSimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the simulator under <paramref name="prefix"/>: Twilio's REST API at <c>{prefix}/2010-04-01/…</c> (point
    /// <c>TwilioCallTrackingOptions.TwilioApiBaseUrl</c> at <c>https://host{prefix}</c>), recording media under it, and
    /// the simulator's control endpoints at <c>{prefix}/simulator/…</c> (inbound calls, hang-up, logs). Needs
    /// <c>services.AddTwilioSimulator()</c>. Returns the group, to add conventions (e.g. authorization) to.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The path the simulator lives under, e.g. <c>/twilio-sim</c>; empty for the root.</param>
    public static RouteGroupBuilder MapTwilioSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var simulator = endpoints.ServiceProvider.GetSimulator();
        prefix = prefix.TrimEnd('/');
        if (prefix.Length > 0 && prefix[0] != '/')
        {
            prefix = "/" + prefix;
        }

        simulator.RoutePrefix = prefix;
        var group = endpoints.MapGroup(prefix);
        group.ExcludeFromDescription();
        var api = group.MapGroup("/2010-04-01");
        api.AddEndpointFilter(ApiRequestLogging.FilterAsync);
        TwilioApiEndpoints.Map(api);
        SimulatorControlEndpoints.Map(group.MapGroup("/simulator"));
        return group;
    }
}
