using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Delivers notifications from the outbox in the background: woken at once by changes made in this process, and every
/// <see cref="CallNotificationOptions.PollInterval"/> for those of other processes sharing the database. Purges ended
/// notifications past their retention now and then.
/// </summary>
internal sealed class CallNotificationWorker(
    IServiceProvider services, CallNotificationSignal signal, IOptions<TwilioCallTrackingOptions> options, TimeProvider time,
    ILogger<CallNotificationWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Notifications;
        if (!settings.Enabled)
        {
            return;
        }

        // Resolved here, not in the constructor: the stores are built only once the host's start checks have passed.
        var dispatcher = services.GetRequiredService<CallNotificationDispatcher>();
        var nextPurge = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await dispatcher.RunOnceAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPurge)
                {
                    nextPurge = time.GetUtcNow() + PurgeInterval;
                    await dispatcher.PurgeAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.NotificationPassFailed(logger, ex);
            }

            if (!more)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        await dispatcher.DrainAsync();
    }
}
