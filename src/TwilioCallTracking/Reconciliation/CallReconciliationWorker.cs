using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// The hosted background service that runs a <see cref="CallReconciler"/> sweep every
/// <see cref="ReconciliationOptions.Interval"/>. Its pending work is the calls' own state in the store, so it survives
/// restarts, and several instances may run against one database (claims are leased).
/// </summary>
/// <param name="scopes">Creates a scope per sweep (the service and stores may be scoped).</param>
/// <param name="options">The sweep settings.</param>
/// <param name="time">The clock the interval runs on.</param>
/// <param name="logger">Where sweep summaries and failures go.</param>
/// <param name="status">Where the sweeper tells when it started and swept (read by the sweeper health check).</param>
internal sealed class CallReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<TwilioCallTrackingOptions> options, TimeProvider time, ILogger<CallReconciliationWorker> logger, ReconciliationStatus status)
    : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.Reconciliation;
        if (!settings.Enabled)
        {
            return;
        }

        status.Started(time.GetUtcNow());
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync(stoppingToken);
                if (result.Claimed > 0)
                {
                    Log.ReconciliationSwept(logger, result.Claimed, result.Updated, result.NotFound, result.Deferred);
                }

                status.Swept(time.GetUtcNow());
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                status.SweepFailed(time.GetUtcNow());
                Log.ReconciliationSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
