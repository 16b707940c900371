using Microsoft.Extensions.Logging;

namespace TwilioCallTracking;

/// <summary>Turns what the store did with a webhook into its <see cref="WebhookResult"/>, counting and logging it once.</summary>
internal sealed class WebhookReporter(CallTrackingMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("TwilioCallTracking.Webhooks");

    public ILogger Logger => _logger;

    public WebhookResult Report(TwilioWebhookKind kind, string tenantId, string callSid, CallChangeResult result, CallTransitionKind transition = CallTransitionKind.Same)
    {
        switch (result.Outcome)
        {
            case CallChangeOutcome.Duplicate:
                return Duplicate(kind, tenantId, callSid, result.Call);
            case CallChangeOutcome.Saved:
                metrics.WebhookApplied(kind);
                if (transition == CallTransitionKind.Late)
                {
                    metrics.OutOfOrderKept();
                    return new WebhookResult(WebhookOutcome.OutOfOrder, result.Call);
                }

                return new WebhookResult(WebhookOutcome.Applied, result.Call);
            default:
                Log.UnknownCall(_logger, kind.ToName(), tenantId, callSid);
                return new WebhookResult(WebhookOutcome.UnknownCall);
        }
    }

    public WebhookResult Duplicate(TwilioWebhookKind kind, string tenantId, string callSid, Call? call)
    {
        metrics.DuplicateIgnored(kind);
        Log.DuplicateWebhook(_logger, kind.ToName(), callSid, tenantId);
        return new WebhookResult(WebhookOutcome.Duplicate, call);
    }

    public WebhookResult Rejected(TwilioWebhookKind kind, string tenantId, WebhookValidationErrors errors)
    {
        metrics.WebhookRejected(kind);
        Log.WebhookRejected(_logger, kind.ToName(), tenantId, errors.ToString());
        return WebhookResult.Invalid(errors);
    }
}
