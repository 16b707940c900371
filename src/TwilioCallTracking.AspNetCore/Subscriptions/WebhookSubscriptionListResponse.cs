namespace TwilioCallTracking.AspNetCore;

/// <summary>The answer of <c>GET /api/webhooks/subscriptions</c>: the tenant's subscriptions, oldest first.</summary>
/// <param name="Items">The subscriptions.</param>
public sealed record WebhookSubscriptionListResponse(IReadOnlyList<WebhookSubscriptionResponse> Items);
