namespace TwilioCallTracking;

/// <summary>
/// Persists each tenant's outgoing webhook subscriptions. Every read and write names the tenant, and a store never
/// returns or changes another tenant's subscription. Secrets are stored as given: already protected.
/// </summary>
public interface IWebhookSubscriptionStore
{
    /// <summary>A tenant's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's subscription.</summary>
    Task<WebhookSubscription?> FindAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Stores a subscription: adds it, or replaces the tenant's subscription with the same id.</summary>
    Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tenant's subscription; <see langword="false"/> when it had none with that id.</summary>
    Task<bool> DeleteAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default);
}
