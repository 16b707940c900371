using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// <see cref="CallTrackingHealthChecks.Sweeper"/>: how long ago the reconciliation sweeper last swept without an error
/// (or started, before its first sweep), in sweep intervals.
/// </summary>
internal sealed class SweeperHealthCheck(
    ReconciliationStatus status, IOptions<TwilioCallTrackingOptions> tracking, IOptions<CallTrackingHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = tracking.Value.Reconciliation;
        if (!settings.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The reconciliation sweeper is off in this process (TwilioCallTracking:Reconciliation:Enabled)."));
        }

        if ((status.LastSweepAt ?? status.StartedAt) is not { } since)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The reconciliation sweeper has not started."));
        }

        var lag = time.GetUtcNow() - since;
        var intervals = lag / settings.Interval;
        var data = new Dictionary<string, object>
        {
            ["last_sweep_at"] = status.LastSweepAt?.ToString("O", CultureInfo.InvariantCulture) ?? "none",
            ["lag_seconds"] = Math.Max(0, Math.Round(lag.TotalSeconds)),
        };
        var said = string.Create(CultureInfo.InvariantCulture,
            $"The last successful reconciliation sweep was {lag.TotalSeconds:0} s ago ({intervals:0.#} intervals of {settings.Interval.TotalSeconds:0} s)");
        var result = intervals >= options.Value.SweeperUnhealthyAfterIntervals
            ? HealthCheckResult.Unhealthy(said + "; sweeps keep failing or stopped: see the log.", data: data)
            : intervals >= options.Value.SweeperDegradedAfterIntervals
                ? HealthCheckResult.Degraded(said + "; sweeps are failing or late: see the log.", data: data)
                : HealthCheckResult.Healthy(said + ".", data);
        return Task.FromResult(result);
    }
}
