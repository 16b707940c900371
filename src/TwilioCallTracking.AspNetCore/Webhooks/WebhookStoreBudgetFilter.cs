using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The outermost filter of the webhook group: each webhook gets the store budget
/// (<see cref="TwilioCallTrackingOptions.StoreTimeout"/>) as its <see cref="HttpContext.RequestAborted"/>, and a webhook
/// whose store was unavailable or ran out of budget answers 503 with <c>Retry-After</c>. Twilio gives up after 15 s:
/// answering in time with a 5xx makes it retry, where a late answer would be lost, and no 2xx is ever given for a change
/// that was not committed.
/// </summary>
internal sealed class WebhookStoreBudgetFilter(ILogger logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var budget = services.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value.StoreTimeout;
        var requestAborted = http.RequestAborted;
        using var timeout = new CancellationTokenSource(budget, services.GetRequiredService<TimeProvider>());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
        http.RequestAborted = linked.Token;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is StoreUnavailableException
            || (ex is OperationCanceledException && timeout.IsCancellationRequested && !requestAborted.IsCancellationRequested))
        {
            var kind = http.GetEndpoint()?.Metadata.GetMetadata<TwilioWebhookMetadata>()?.Kind ?? TwilioWebhookKind.Other;
            services.GetRequiredService<CallTrackingMetrics>().StoreUnavailable(kind);
            AspNetCoreLog.StoreUnavailable(logger, ex, kind.ToName(), budget);
            return StoreUnavailableProblem.Create(http, "The webhook could not be stored in time; nothing is acknowledged, so Twilio retries it.");
        }
        finally
        {
            http.RequestAborted = requestAborted;
        }
    }
}
