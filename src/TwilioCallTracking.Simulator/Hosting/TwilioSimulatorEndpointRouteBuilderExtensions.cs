using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwilioCallTracking.Simulator;
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
    /// <remarks>
    /// Only in the Development environment: the control endpoints have no authentication and recording media is served
    /// to anyone, so anywhere else this throws unless <see cref="TwilioSimulatorOptions.AllowOutsideDevelopment"/> is set
    /// in code (e.g. for an integration test host).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The simulator's services are missing, or the environment is not Development.</exception>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The path the simulator lives under, e.g. <c>/twilio-sim</c>; empty for the root.</param>
    public static RouteGroupBuilder MapTwilioSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var simulator = endpoints.ServiceProvider.GetSimulator();
        var environment = endpoints.ServiceProvider.GetService<IHostEnvironment>();
        if (environment?.IsDevelopment() != true && !simulator.Options.AllowOutsideDevelopment)
        {
            throw new InvalidOperationException(
                $"The Twilio simulator is mapped only in the Development environment, and this app runs in '{environment?.EnvironmentName ?? "an unknown environment"}': " +
                "its control endpoints have no authentication and it serves recordings to anyone. Use the real Twilio here, or run with " +
                "ASPNETCORE_ENVIRONMENT=Development; a test host of your own may set TwilioSimulatorOptions.AllowOutsideDevelopment = true in AddTwilioSimulator(…).");
        }

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
