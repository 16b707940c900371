using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// A tenant's outgoing webhook subscriptions: list, create, read, replace, delete, rotate the secret. The tenant comes
/// from <see cref="ITenantResolver"/>, never from the request, so another tenant's subscription is 404 like one that does
/// not exist. The rules (URLs, event types, description) are <see cref="WebhookSubscriptionService"/>'s; its errors are
/// answered as a validation problem. A plain secret appears in the create and rotate answers only.
/// </summary>
/// <param name="prefix">The group's prefix, for the <c>Location</c> of a created subscription.</param>
/// <param name="tenants">Who a request acts for.</param>
internal sealed class WebhookSubscriptionEndpoints(string prefix, ApiTenantResolution tenants)
{
    private const string Example =
        "{\"url\": \"https://crm.example.com/hooks/calls\", \"eventTypes\": [\"call.ended\"], \"enabled\": true, \"description\": \"…\"}";

    /// <summary><c>GET /subscriptions</c>: the tenant's subscriptions, oldest first.</summary>
    public async Task<Results<Ok<WebhookSubscriptionListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        var list = await subscriptions.ListAsync(user.TenantId, http.RequestAborted);
        return TypedResults.Ok(new WebhookSubscriptionListResponse([.. list.Select(WebhookSubscriptionResponse.Create)]));
    }

    /// <summary><c>POST /subscriptions</c>: creates a subscription with a new secret, shown in this answer only.</summary>
    public async Task<Results<Created<WebhookSubscriptionSecretResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        var body = await JsonRequestBody<SaveWebhookSubscriptionRequest>.ReadAsync(http, "subscription", Example);
        if (body.NotJson is { } notJson)
        {
            return notJson;
        }

        if (body.Malformed is { } malformed)
        {
            return malformed;
        }

        var result = await subscriptions.CreateAsync(user.TenantId, Request(body), http.RequestAborted);
        if (result.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(result.Errors);
        }

        var created = result.Subscription!;
        return TypedResults.Created($"{http.Request.PathBase}{prefix}/subscriptions/{created.Id}", WithSecret(result));
    }

    /// <summary><c>GET /subscriptions/{id}</c>: one of the tenant's subscriptions.</summary>
    public async Task<Results<Ok<WebhookSubscriptionResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        return await subscriptions.FindAsync(user.TenantId, id, http.RequestAborted) is { } subscription
            ? TypedResults.Ok(WebhookSubscriptionResponse.Create(subscription))
            : NotFound(id);
    }

    /// <summary><c>PUT /subscriptions/{id}</c>: replaces a subscription's URL, event types, state and description; its secret stays.</summary>
    public async Task<Results<Ok<WebhookSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        var body = await JsonRequestBody<SaveWebhookSubscriptionRequest>.ReadAsync(http, "subscription", Example);
        if (body.NotJson is { } notJson)
        {
            return notJson;
        }

        if (body.Malformed is { } malformed)
        {
            return malformed;
        }

        var result = await subscriptions.UpdateAsync(user.TenantId, id, Request(body), http.RequestAborted);
        if (result.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(result.Errors);
        }

        return result.Subscription is { } updated ? TypedResults.Ok(WebhookSubscriptionResponse.Create(updated)) : NotFound(id);
    }

    /// <summary><c>DELETE /subscriptions/{id}</c>: deletes a subscription; its pending deliveries end as dead.</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        return await subscriptions.DeleteAsync(user.TenantId, id, http.RequestAborted) ? TypedResults.NoContent() : NotFound(id);
    }

    /// <summary>
    /// <c>POST /subscriptions/{id}/secret</c>: replaces the subscription's secret with a new one, shown in this answer only;
    /// deliveries are signed with it from now on.
    /// </summary>
    public async Task<Results<Ok<WebhookSubscriptionSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        Guid id, HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        var result = await subscriptions.RotateSecretAsync(user.TenantId, id, http.RequestAborted);
        return result.Succeeded ? TypedResults.Ok(WithSecret(result)) : NotFound(id);
    }

    // JSON null is an empty subscription: the service names what is missing.
    private static WebhookSubscriptionRequest Request(JsonRequestBody<SaveWebhookSubscriptionRequest> body) =>
        (body.Value ?? new SaveWebhookSubscriptionRequest()).ToServiceRequest();

    private static WebhookSubscriptionSecretResponse WithSecret(WebhookSubscriptionResult result) =>
        new(WebhookSubscriptionResponse.Create(result.Subscription!), result.Secret!);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Subscription not found", detail: $"The tenant has no webhook subscription {id}.");
}
