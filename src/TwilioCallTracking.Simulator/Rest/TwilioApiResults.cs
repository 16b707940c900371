using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>Answers in Twilio's JSON, whatever JSON settings the host application has.</summary>
internal static class TwilioApiResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, SimulatorJson.Options, "application/json; charset=utf-8", status);

    public static IResult ToResult(this TwilioApiError error) => Json(error.ToJson(), error.Status);

    public static TwilioSimulator GetSimulator(this IServiceProvider services) =>
        services.GetService<TwilioSimulator>()
        ?? throw new InvalidOperationException("The Twilio simulator is not registered: call services.AddTwilioSimulator() before app.MapTwilioSimulator().");
}
