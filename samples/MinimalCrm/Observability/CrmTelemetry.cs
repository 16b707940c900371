using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TwilioCallTracking;

namespace MinimalCrm.Observability;

/// <summary>
/// OpenTelemetry for the sample, off unless <c>Telemetry:Exporter</c> says where to send it: <c>console</c> (spans and
/// metrics printed to the console) or <c>otlp</c> (to an OpenTelemetry collector at <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// default <c>http://localhost:4317</c>). The library's spans and metrics come from one source and one meter, both
/// named <c>TwilioCallTracking</c>.
/// </summary>
internal static class CrmTelemetry
{
    public static IServiceCollection AddCrmTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = configuration["Telemetry:Exporter"]?.Trim().ToLowerInvariant();
        if (exporter is null or "" or "none")
        {
            return services;
        }

        if (exporter is not ("console" or "otlp"))
        {
            throw new InvalidOperationException($"Telemetry:Exporter is '{exporter}': use console, otlp or none.");
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                // ASP.NET Core's own request spans (built into .NET): the library's webhook and API spans nest under them.
                tracing.AddSource(CallTrackingActivitySource.Name, "Microsoft.AspNetCore");
                _ = exporter == "console" ? tracing.AddConsoleExporter() : tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CallTrackingMetrics.MeterName);
                _ = exporter == "console" ? metrics.AddConsoleExporter() : metrics.AddOtlpExporter();
            });
        return services;
    }
}
