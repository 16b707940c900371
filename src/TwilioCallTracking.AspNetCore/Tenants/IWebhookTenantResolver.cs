using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Finds the tenant a webhook is for, before its signature is checked: that tenant's auth token is the signature's
/// key, so a webhook resolved to the wrong tenant fails validation and writes nothing. Register your own implementation
/// to change the rules; the default is <see cref="WebhookTenantResolver"/>.
/// </summary>
public interface IWebhookTenantResolver
{
    /// <summary>The tenant's configuration, or <see langword="null"/> when no tenant owns the webhook.</summary>
    Task<TwilioConfiguration?> ResolveAsync(WebhookTenantQuery query, CancellationToken cancellationToken);
}

/// <summary>What a webhook says about its tenant.</summary>
/// <param name="Kind">Which webhook it is.</param>
/// <param name="TenantHint">The <c>tenant</c> query parameter this library puts on the callback URLs it builds (signed with the URL), if any.</param>
/// <param name="Parameters">Every parameter Twilio posted (not yet authenticated).</param>
public sealed record WebhookTenantQuery(TwilioWebhookKind Kind, string? TenantHint, TwilioRequestParameters Parameters);
