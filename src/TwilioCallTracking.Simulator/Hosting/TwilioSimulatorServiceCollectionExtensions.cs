using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TwilioCallTracking.Simulator;
using TwilioCallTracking.Simulator.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Twilio simulator to a service collection.</summary>
public static class TwilioSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="TwilioSimulator"/> (a singleton) and the HTTP client it sends webhooks with. Options are bound
    /// from the <c>TwilioSimulator</c> configuration section when there is one, then <paramref name="configure"/> runs.
    /// Map its endpoints with <c>app.MapTwilioSimulator("/twilio-sim")</c>.
    /// </summary>
    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, Action<TwilioSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TwilioSimulatorOptions>()
            .Configure<IServiceProvider>((o, provider) =>
            {
                if (provider.GetService<IConfiguration>()?.GetSection(TwilioSimulatorOptions.SectionName) is { } section && section.Exists())
                {
                    // AllowOutsideDevelopment is code only: no configuration value of a deployed app may turn it on.
                    var allowOutsideDevelopment = o.AllowOutsideDevelopment;
                    section.Bind(o);
                    o.AllowOutsideDevelopment = allowOutsideDevelopment;
                }
            })
            .Validate(o => o.TimeScale >= 0, "TwilioSimulator:TimeScale must be 0 (no waits) or more (1 = real time).")
            .Validate(o => o.MinTalkTime <= o.MaxTalkTime, "TwilioSimulator:MinTalkTime must not be longer than MaxTalkTime.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<TwilioSimulator>();
        return services;
    }
}
