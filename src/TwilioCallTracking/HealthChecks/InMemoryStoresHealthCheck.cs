using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TwilioCallTracking;

/// <summary><see cref="CallTrackingHealthChecks.Database"/> when no store package provides it: the in-memory stores have no database.</summary>
internal sealed class InMemoryStoresHealthCheck : IHealthCheck
{
    public static readonly InMemoryStoresHealthCheck Instance = new();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("No database store is registered (the in-memory stores have nothing to reach)."));
}
