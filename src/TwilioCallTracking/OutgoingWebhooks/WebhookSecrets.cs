namespace TwilioCallTracking;

/// <summary>
/// Protects subscription secrets at rest with the same key handling as auth tokens, each bound to its tenant and its
/// subscription (a protected secret copied to another subscription or tenant does not open).
/// </summary>
internal sealed class WebhookSecrets(IAuthTokenProtector protector)
{
    public string Protect(string secret, string tenantId, Guid subscriptionId) => protector.Protect(secret, Owner(tenantId, subscriptionId));

    public string Unprotect(WebhookSubscription subscription) =>
        protector.Unprotect(subscription.ProtectedSecret, Owner(subscription.TenantId, subscription.Id));

    // The protector binds a secret to an (owner, account) pair; a subscription's "account" is its own id.
    private static AuthTokenOwner Owner(string tenantId, Guid subscriptionId) => new(tenantId, "webhook-subscription:" + subscriptionId.ToString("N"));
}
