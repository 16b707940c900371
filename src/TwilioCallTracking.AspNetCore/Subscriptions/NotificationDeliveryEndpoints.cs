using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// A tenant's delivery log (every notification on its way to each handler and subscription) and redelivery. The tenant
/// comes from <see cref="ITenantResolver"/>, never from the request: another tenant's delivery is 404 like one that does
/// not exist.
/// </summary>
/// <param name="prefix">The group's prefix, for the <c>next</c> link of a page.</param>
/// <param name="tenants">Who a request acts for.</param>
internal sealed class NotificationDeliveryEndpoints(string prefix, ApiTenantResolution tenants)
{
    /// <summary>The largest page: <see cref="WebhookSubscriptionService.ListDeliveriesAsync"/> lists no more at a time.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// <c>GET /deliveries</c>: the tenant's deliveries, newest first. Query: <c>state</c> (pending, delivered, dead),
    /// <c>subscriptionId</c>, <c>callId</c>, <c>before</c> (the <c>nextCursor</c> of the previous page), <c>limit</c>
    /// (1–500, default 50).
    /// </summary>
    public async Task<Results<Ok<NotificationDeliveryListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        if (ReadQuery(http.Request.Query, out var errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await subscriptions.ListDeliveriesAsync(user.TenantId, query, http.RequestAborted);
        Guid? next = page.Count == query.Limit ? page[^1].Id : null;
        return TypedResults.Ok(new NotificationDeliveryListResponse(
            [.. page.Select(NotificationDeliveryResponse.Create)], next, next is { } before ? NextLink(http, query with { Before = before }) : null));
    }

    /// <summary>
    /// <c>POST /deliveries/{id}/redeliver</c>: delivers the notification to the delivery's target again, now, whatever its
    /// state (a webhook receiver gets the same <c>webhook-id</c> again). 202 with the delivery, pending.
    /// </summary>
    public async Task<Results<Accepted<NotificationDeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, HttpContext http, [FromServices] WebhookSubscriptionService subscriptions)
    {
        if (await tenants.ResolveAsync(http) is not { } user)
        {
            return tenants.NoTenant(http);
        }

        return await subscriptions.RedeliverAsync(user.TenantId, id, http.RequestAborted) is { } delivery
            ? TypedResults.Accepted((string?)null, NotificationDeliveryResponse.Create(delivery))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Delivery not found", detail: $"The tenant has no notification delivery {id}.");
    }

    // The next page keeps the filters, written as this API reads them.
    private string NextLink(HttpContext http, NotificationDeliveryQuery query)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (query.State is { } state)
        {
            values.Add(new("state", state.ToApiString()));
        }

        if (query.Target?.SubscriptionId is { } subscriptionId)
        {
            values.Add(new("subscriptionId", subscriptionId.ToString()));
        }

        if (query.CallId is { } callId)
        {
            values.Add(new("callId", callId.ToString()));
        }

        values.Add(new("before", query.Before?.ToString()));
        values.Add(new("limit", query.Limit.ToString(CultureInfo.InvariantCulture)));
        return $"{http.Request.PathBase}{prefix}/deliveries{QueryString.Create(values)}";
    }

    private static NotificationDeliveryQuery? ReadQuery(IQueryCollection values, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>();
        errors = problems;
        var query = new NotificationDeliveryQuery();
        if (values["state"].ToString() is { Length: > 0 } state)
        {
            query = NotificationDeliveryStateNames.TryParse(state, out var parsed)
                ? query with { State = parsed }
                : Fail("state", $"The state is one of {NotificationDeliveryStateNames.Pending}, {NotificationDeliveryStateNames.Delivered}, "
                    + $"{NotificationDeliveryStateNames.Dead}.");
        }

        if (values["subscriptionId"].ToString() is { Length: > 0 } subscription)
        {
            query = Guid.TryParse(subscription, out var subscriptionId)
                ? query with { Target = NotificationTarget.Webhook(subscriptionId) }
                : Fail("subscriptionId", "The subscription id is a UUID.");
        }

        if (values["callId"].ToString() is { Length: > 0 } call)
        {
            query = Guid.TryParse(call, out var callId) ? query with { CallId = callId } : Fail("callId", "The call id is a UUID.");
        }

        if (values["before"].ToString() is { Length: > 0 } cursor)
        {
            query = Guid.TryParse(cursor, out var before)
                ? query with { Before = before }
                : Fail("before", "Pass the nextCursor of the previous page as it was returned.");
        }

        if (values["limit"].ToString() is { Length: > 0 } size)
        {
            query = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
                ? query with { Limit = limit }
                : Fail("limit", $"The limit is a number from 1 to {MaxLimit}.");
        }

        return problems.Count == 0 ? query : null;

        NotificationDeliveryQuery Fail(string field, string message)
        {
            problems[field] = [message];
            return query;
        }
    }
}
