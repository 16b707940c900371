namespace TwilioCallTracking;

/// <summary>
/// A thread-safe <see cref="IWebhookSubscriptionStore"/> in process memory: the default when no other store is
/// registered. Subscriptions are lost when the process ends.
/// </summary>
public sealed class InMemoryWebhookSubscriptionStore : IWebhookSubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string TenantId, Guid Id), WebhookSubscription> _subscriptions = [];

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<WebhookSubscription> list = _subscriptions.Values
                .Where(s => s.TenantId == tenantId)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public Task<WebhookSubscription?> FindAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.GetValueOrDefault((tenantId, subscriptionId)));
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            _subscriptions[(subscription.TenantId, subscription.Id)] = subscription with { EventTypes = [.. subscription.EventTypes] };
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.Remove((tenantId, subscriptionId)));
        }
    }
}
