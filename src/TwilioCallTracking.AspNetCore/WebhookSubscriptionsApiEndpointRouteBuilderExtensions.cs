using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the API a CRM's administrators use to manage their tenant's outgoing webhooks.</summary>
public static class WebhookSubscriptionsApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the webhook subscriptions API under <paramref name="prefix"/>, for the signed-in user's tenant:
    /// <list type="bullet">
    /// <item><c>GET /subscriptions</c> (list), <c>POST /subscriptions</c> (create: 201 with the subscription and its signing
    /// secret, the only time it is shown), <c>GET</c>, <c>PUT</c> (replace) and <c>DELETE</c> (204)
    /// <c>/subscriptions/{id}</c>, <c>POST /subscriptions/{id}/secret</c> (rotate: 200 with the new secret);</item>
    /// <item><c>GET /deliveries</c> (the delivery log, newest first, paged with <c>before</c> and filtered by <c>state</c>,
    /// <c>subscriptionId</c>, <c>callId</c>) and <c>POST /deliveries/{id}/redeliver</c> (202).</item>
    /// </list>
    /// Errors are ProblemDetails: 400 with the fields at fault, 404 for an id the tenant does not have (another tenant's
    /// included), 503 with <c>Retry-After</c> when the store cannot serve. The tenant is found as by the call API: the
    /// registered <see cref="ITenantResolver"/>, else the <c>tenant_id</c> claim (401 when nobody is signed in, 403 without
    /// a tenant). A host whose tenant claim is another (<see cref="CallTrackingApiOptions.TenantClaimType"/>) registers an
    /// <see cref="ITenantResolver"/>, e.g. a <see cref="ClaimsTenantResolver"/> with its options, which both APIs then use.
    /// </summary>
    /// <remarks>
    /// <b>The host must restrict this group to the tenant's administrators</b>, e.g. with
    /// <c>.RequireAuthorization("admin")</c> on the returned group: a subscription receives every call's details, and
    /// its secret signs what its receiver trusts. The library only checks that the user has a tenant.
    /// </remarks>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">Where the API lives. Default <c>/api/webhooks</c>.</param>
    /// <returns>The route group, for <c>.RequireAuthorization("admin")</c> (required, see remarks) and rate limiting.</returns>
    public static RouteGroupBuilder MapWebhookSubscriptionsApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(WebhookSubscriptionService)) != true)
        {
            throw new InvalidOperationException(
                "TwilioCallTracking's services are missing: call builder.Services.AddTwilioCallTracking(...) before app.MapWebhookSubscriptionsApi().");
        }

        var path = prefix.TrimEnd('/');
        var tenants = new ApiTenantResolution(new CallTrackingApiOptions(), "webhook subscriptions API");
        var subscriptions = new WebhookSubscriptionEndpoints(path, tenants);
        var deliveries = new NotificationDeliveryEndpoints(path, tenants);
        var group = endpoints.MapGroup(prefix);
        group.WithTags("Webhook subscriptions");
        group.AddEndpointFilter(new StoreUnavailableFilter(
            "The webhook subscriptions or their deliveries could not be read or written now; nothing was changed. Try again shortly."));
        group.MapGet("/subscriptions", subscriptions.ListAsync);
        group.MapPost("/subscriptions", subscriptions.CreateAsync).Accepts<SaveWebhookSubscriptionRequest>("application/json");
        group.MapGet("/subscriptions/{id:guid}", subscriptions.GetAsync);
        group.MapPut("/subscriptions/{id:guid}", subscriptions.UpdateAsync).Accepts<SaveWebhookSubscriptionRequest>("application/json");
        group.MapDelete("/subscriptions/{id:guid}", subscriptions.DeleteAsync);
        group.MapPost("/subscriptions/{id:guid}/secret", subscriptions.RotateSecretAsync);
        group.MapGet("/deliveries", deliveries.ListAsync);
        group.MapPost("/deliveries/{id:guid}/redeliver", deliveries.RedeliverAsync);
        return group;
    }
}
