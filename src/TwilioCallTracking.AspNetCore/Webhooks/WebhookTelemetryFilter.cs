using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The outermost filter of the webhook group: times every webhook, refused or handled, into
/// <c>twilio_call_tracking.webhook.duration</c> (tagged <c>webhook.kind</c> and <c>outcome</c>) and traces it as a
/// <c>webhook {kind}</c> span under the server's request span. The span gets the tenant, the call id and the call SID only
/// once the webhook was authenticated, so a forged request can put nothing of its own on it; never a header, the URL,
/// the query or the body.
/// </summary>
internal sealed class WebhookTelemetryFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var metrics = services.GetRequiredService<CallTrackingMetrics>();
        var time = services.GetRequiredService<TimeProvider>();
        var kind = http.GetEndpoint()?.Metadata.GetMetadata<TwilioWebhookMetadata>()?.Kind ?? TwilioWebhookKind.Other;
        var started = time.GetTimestamp();
        using var activity = CallTrackingActivitySource.Source.StartActivity(ActivityName(kind));
        activity?.SetTag(TelemetryTags.WebhookKind, kind.ToName());
        var handling = new WebhookHandling();
        http.Features.Set(handling);
        var outcome = TelemetryOutcomes.Error;
        try
        {
            var result = await next(context);
            var status = StatusCodeOf(result, http);
            var webhook = http.Features.Get<TwilioWebhook>();
            outcome = handling.Outcome is { } handled ? TelemetryOutcomes.Of(handled) : OutcomeOf(status, authenticated: webhook is not null);
            activity?.SetTag(TelemetryTags.HttpStatusCode, status);
            if (status >= 500)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return result;
        }
        catch (Exception ex)
        {
            TelemetryOutcomes.Fail(activity, ex);
            throw;
        }
        finally
        {
            if (activity is { IsAllDataRequested: true } && http.Features.Get<TwilioWebhook>() is { } webhook)
            {
                activity.SetTag(TelemetryTags.TenantId, webhook.TenantId);
                activity.SetTag(TelemetryTags.CallId, webhook.CallId?.ToString("N"));
                // Twilio's CallSid, when it has the shape of one (the handler refuses the webhook otherwise).
                var callSid = webhook.Parameters[TwilioParameterNames.CallSid];
                activity.SetTag(TelemetryTags.CallSid, TwilioSids.IsCallSid(callSid) ? callSid : null);
            }

            activity?.SetTag(TelemetryTags.Outcome, outcome);
            metrics.WebhookHandled(kind, outcome, time.GetElapsedTime(started));
        }
    }

    private static string ActivityName(TwilioWebhookKind kind) => kind switch
    {
        TwilioWebhookKind.Answer => "webhook answer",
        TwilioWebhookKind.Status => "webhook status",
        TwilioWebhookKind.Recording => "webhook recording",
        TwilioWebhookKind.DialAction => "webhook dial-action",
        _ => "webhook other",
    };

    // The status the endpoint's (or a filter's) result will write; results that name none write 200.
    private static int StatusCodeOf(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result switch
        {
            IStatusCodeHttpResult { StatusCode: { } status } => status,
            IResult => StatusCodes.Status200OK,
            _ => http.Response.StatusCode,
        };
    }

    // For a webhook whose handler said nothing: refused before it (no tenant, bad signature), or an app's own endpoint.
    private static string OutcomeOf(int status, bool authenticated) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => TelemetryOutcomes.Unavailable,
        >= 500 => TelemetryOutcomes.Error,
        StatusCodes.Status403Forbidden => TelemetryOutcomes.Refused,
        >= 400 => TelemetryOutcomes.Invalid,
        // A 200 before authentication is the <Reject/> answered to a call for a number no tenant owns.
        _ => authenticated ? TelemetryOutcomes.Ok : TelemetryOutcomes.Refused,
    };
}
