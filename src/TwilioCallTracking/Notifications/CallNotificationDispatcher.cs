using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// One pass over the outbox: fans new notifications out to their targets (every registered handler, every tenant
/// subscription that wants the type), then claims due deliveries under leases and attempts each one, recording the
/// result (delivered, retry after a backoff, or dead after the last attempt).
/// </summary>
internal sealed class CallNotificationDispatcher(
    ICallNotificationStore store, IWebhookSubscriptionStore subscriptions, IServiceScopeFactory scopes, WebhookSender sender, CallNotificationSignal signal,
    IOptions<TwilioCallTrackingOptions> options, TimeProvider time, CallTrackingMetrics metrics, ILogger<CallNotificationDispatcher> logger)
    : IDisposable
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _slots = new(options.Value.Notifications.MaxConcurrentDeliveries);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _running = new();
    private IReadOnlyList<NotificationTarget>? _handlers;

    private CallNotificationOptions Settings => options.Value.Notifications;

    /// <summary>
    /// Runs one pass; returns whether it found work (more is likely waiting). Attempts started run on after it returns:
    /// <see cref="DrainAsync"/> waits for them.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var fannedOut = await FanOutAsync(cancellationToken);
        var claimed = await DeliverAsync(cancellationToken);
        return fannedOut >= Settings.BatchSize || claimed > 0;
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        store.PurgeAsync(time.GetUtcNow() - Settings.Retention, 500, cancellationToken);

    private async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        var notifications = await store.ListUndispatchedAsync(Settings.BatchSize, cancellationToken);
        if (notifications.Count == 0)
        {
            return 0;
        }

        var handlers = HandlerTargets();
        var byTenant = new Dictionary<string, IReadOnlyList<WebhookSubscription>>(StringComparer.Ordinal);
        foreach (var notification in notifications)
        {
            if (!byTenant.TryGetValue(notification.TenantId, out var tenantSubscriptions))
            {
                tenantSubscriptions = await subscriptions.ListAsync(notification.TenantId, cancellationToken);
                byTenant[notification.TenantId] = tenantSubscriptions;
            }

            IReadOnlyList<NotificationTarget> targets =
                [.. handlers, .. tenantSubscriptions.Where(s => s.Receives(notification.Type)).Select(s => NotificationTarget.Webhook(s.Id))];
            await store.DispatchAsync(notification, targets, time.GetUtcNow(), cancellationToken);
        }

        return notifications.Count;
    }

    // The handler types registered in the container: the same for the process's lifetime.
    private IReadOnlyList<NotificationTarget> HandlerTargets()
    {
        if (_handlers is null)
        {
            using var scope = scopes.CreateScope();
            _handlers = scope.ServiceProvider.GetServices<ICallNotificationHandler>()
                .Select(h => NotificationTarget.Handler(h.GetType()))
                .Distinct()
                .ToList();
        }

        return _handlers;
    }

    // Claims only as many deliveries as there are free slots, and starts each without waiting for the others: a slow
    // handler holds its own slot, never the whole batch. A finished attempt wakes the worker to fill its slot again.
    private async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var free = Math.Min(_slots.CurrentCount, Settings.BatchSize);
        if (free == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var leases = await store.ClaimDeliveriesAsync(new NotificationClaimCriteria
        {
            Now = now,
            BatchSize = free,
            Owner = _owner,
            LeaseExpiresAt = now + Settings.LeaseDuration,
        }, cancellationToken);
        foreach (var lease in leases)
        {
            await _slots.WaitAsync(CancellationToken.None);
            var running = Task.Run(() => AttemptAsync(lease, cancellationToken), CancellationToken.None);
            _running[running] = 0;
            _ = running.ContinueWith(
                t =>
                {
                    _running.TryRemove(t, out _);
                    _slots.Release();
                    signal.Notify();
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return leases.Count;
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Waits for the attempts under way (each records its outcome, "host stopped" included, before ending).</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Keys);

    private async Task AttemptAsync(NotificationDeliveryLease lease, CancellationToken stopping)
    {
        var delivery = lease.Delivery;
        var target = delivery.Target;
        Attempted result;
        try
        {
            result = target.IsHandler ? await HandleAsync(delivery, stopping) : await SendAsync(delivery, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping: the delivery is due again at once, for whichever process runs next.
            result = Attempted.Retry(null, "The host stopped during the attempt.") with { RetryNow = true };
        }

        var attempt = Record(delivery, result);
        try
        {
            // Recorded even while stopping, so the next process does not wait for the lease to expire.
            if (!await store.CompleteDeliveryAsync(lease, attempt, CancellationToken.None))
            {
                Log.NotificationLeaseLost(logger, delivery.Id, (LogText)target.Value);
            }
        }
        catch (Exception ex) when (ex is StoreUnavailableException or TimeoutException)
        {
            // The lease expires and the delivery is attempted again: at least once, never lost.
            Log.NotificationCompletionFailed(logger, ex, delivery.Id);
        }

        metrics.NotificationDelivery(target.IsHandler, attempt.State);
        if (attempt.State == NotificationDeliveryState.Dead)
        {
            Log.NotificationDeliveryDead(logger, delivery.Notification.Id, (LogText)delivery.Notification.Type, (LogText)target.Value, attempt.Error is { } error ? (LogText)error : default);
        }
    }

    private async Task<Attempted> HandleAsync(NotificationDelivery delivery, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<ICallNotificationHandler>()
            .FirstOrDefault(h => NotificationTarget.Handler(h.GetType()) == delivery.Target);
        if (handler is null)
        {
            return Attempted.Dead(null, "No handler of this type is registered any more.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Settings.HandlerTimeout);
        try
        {
            await handler.HandleAsync(delivery.Notification, timeout.Token);
            return Attempted.Delivered(null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return Attempted.Retry(null, $"The handler did not finish within {Settings.HandlerTimeout}.");
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            Log.NotificationHandlerFailed(logger, ex, delivery.Notification.Id, (LogText)delivery.Target.Value);
            return Attempted.Retry(null, $"The handler threw {ex.GetType().Name}.");
        }
    }

    private async Task<Attempted> SendAsync(NotificationDelivery delivery, CancellationToken stopping)
    {
        var notification = delivery.Notification;
        if (delivery.Target.SubscriptionId is not { } id
            || await subscriptions.FindAsync(notification.TenantId, id, stopping) is not { } subscription)
        {
            return Attempted.Dead(null, "The subscription was deleted.");
        }

        if (!subscription.Enabled)
        {
            return Attempted.Dead(null, "The subscription is disabled.");
        }

        if (PublicUrlRules.Problem(subscription.Url, options.Value.AllowPrivateNetworkUrls) is { } problem)
        {
            return Attempted.Dead(null, $"The subscription's URL {problem}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Settings.WebhookTimeout);
        try
        {
            var sent = await sender.SendAsync(subscription, notification, timeout.Token);
            return sent.Succeeded ? Attempted.Delivered(sent.StatusCode) : Attempted.Retry(sent.StatusCode, sent.Error);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return Attempted.Retry(null, $"The receiver did not answer within {Settings.WebhookTimeout}.");
        }
    }

    private NotificationAttempt Record(NotificationDelivery delivery, Attempted result)
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var state = result.State == NotificationDeliveryState.Pending && attempts >= Settings.MaxAttempts ? NotificationDeliveryState.Dead : result.State;
        return new NotificationAttempt
        {
            At = now,
            State = state,
            NextAttemptAt = state == NotificationDeliveryState.Pending ? now + (result.RetryNow ? TimeSpan.Zero : Backoff(attempts)) : null,
            StatusCode = result.StatusCode,
            Error = result.Error,
        };
    }

    // 10 s, 20 s, 40 s, … up to the maximum.
    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(Settings.FirstRetryDelay.Ticks * factor, Settings.MaxRetryDelay.Ticks));
    }

    private readonly record struct Attempted(NotificationDeliveryState State, int? StatusCode, string? Error)
    {
        public bool RetryNow { get; init; }

        public static Attempted Delivered(int? statusCode) => new(NotificationDeliveryState.Delivered, statusCode, null);

        public static Attempted Retry(int? statusCode, string? error) => new(NotificationDeliveryState.Pending, statusCode, error);

        public static Attempted Dead(int? statusCode, string error) => new(NotificationDeliveryState.Dead, statusCode, error);
    }
}
