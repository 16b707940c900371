using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the call tracking health checks to <c>services.AddHealthChecks()</c>.</summary>
public static class TwilioCallTrackingHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the call tracking health checks (<see cref="CallTrackingHealthChecks"/>): the stores' database
    /// (<see cref="CallTrackingHealthChecks.Database"/>, contributed by <c>AddEntityFrameworkStores</c>; Healthy with the
    /// in-memory stores), the reconciliation sweeper's lag (<see cref="CallTrackingHealthChecks.Sweeper"/>) and the
    /// tenants whose Twilio credentials were refused (<see cref="CallTrackingHealthChecks.TwilioCredentials"/>). Each is
    /// tagged <see cref="CallTrackingHealthChecks.Tag"/> and <paramref name="tags"/>. Needs
    /// <c>services.AddTwilioCallTracking()</c>. Calling it again is harmless.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Changes the thresholds (database timeout, sweeper lag, credential failure window).</param>
    /// <param name="tags">More tags for the checks, such as <c>"ready"</c>, to select them in <c>MapHealthChecks</c>.</param>
    public static IHealthChecksBuilder AddTwilioCallTracking(
        this IHealthChecksBuilder builder, Action<CallTrackingHealthCheckOptions>? configure = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<CallTrackingHealthCheckOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        string[] allTags = [CallTrackingHealthChecks.Tag, .. tags ?? []];
        Add(builder, CallTrackingHealthChecks.Database, allTags, provider =>
            provider.GetKeyedService<IHealthCheck>(CallTrackingHealthChecks.Database) ?? InMemoryStoresHealthCheck.Instance);
        Add(builder, CallTrackingHealthChecks.Sweeper, allTags, provider => new SweeperHealthCheck(
            Required<ReconciliationStatus>(provider), provider.GetRequiredService<IOptions<TwilioCallTrackingOptions>>(),
            provider.GetRequiredService<IOptions<CallTrackingHealthCheckOptions>>(), provider.GetRequiredService<TimeProvider>()));
        Add(builder, CallTrackingHealthChecks.TwilioCredentials, allTags, provider => new TwilioCredentialsHealthCheck(
            Required<TwilioCredentialFailures>(provider), provider.GetRequiredService<IOptions<CallTrackingHealthCheckOptions>>(), provider.GetRequiredService<TimeProvider>()));
        return builder;
    }

    // Registered once, however often this is called (HealthCheckService refuses two checks of one name).
    private static void Add(IHealthChecksBuilder builder, string name, string[] tags, Func<IServiceProvider, IHealthCheck> create) =>
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (!options.Registrations.Any(registration => registration.Name == name))
            {
                options.Registrations.Add(new HealthCheckRegistration(name, create, failureStatus: null, tags));
            }
        });

    private static T Required<T>(IServiceProvider provider)
        where T : notnull =>
        provider.GetService<T>() ?? throw new InvalidOperationException(
            "The call tracking health checks need the call tracking services: call services.AddTwilioCallTracking(...) too.");
}
