using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Twilio voice webhooks.</summary>
public static class TwilioVoiceWebhooksEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the voice webhooks under <see cref="TwilioCallTrackingOptions.WebhookPathPrefix"/> (default
    /// <c>/api/twilio/voice</c>): <c>POST /answer</c> (inbound calls; TwiML), <c>POST /status</c> (call status
    /// callbacks), <c>POST /recording</c> (recording status callbacks) and <c>POST /dial-action</c> (the forwarded leg
    /// ended). Every endpoint of the returned group, including those you add to it, takes Twilio's form posts only
    /// (415 otherwise, 413 over <see cref="TwilioWebhookOptions.MaxRequestBodySize"/>), is resolved to its tenant and
    /// must carry that tenant's valid <c>X-Twilio-Signature</c> (403 otherwise) before anything is written. Each answers
    /// within <see cref="TwilioCallTrackingOptions.StoreTimeout"/>: 503 with <c>Retry-After</c> when the store could not
    /// take its change in time, so Twilio retries it. Each is timed (<c>twilio_call_tracking.webhook.duration</c>) and
    /// traced (<see cref="CallTrackingActivitySource"/>).
    /// Antiforgery is off for the group: Twilio cannot send a token, the signature authenticates it.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="configure">Changes the webhook options, e.g. the body size limit.</param>
    /// <returns>The route group, for your own filters, rate limiting or endpoints.</returns>
    public static RouteGroupBuilder MapTwilioVoiceWebhooks(this IEndpointRouteBuilder endpoints, Action<TwilioWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(StatusCallbackWebhook)) != true)
        {
            throw new InvalidOperationException(
                "TwilioCallTracking's services are missing: call builder.Services.AddTwilioCallTracking(...) before app.MapTwilioVoiceWebhooks().");
        }

        var options = new TwilioWebhookOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRequestBodySize, nameof(TwilioWebhookOptions.MaxRequestBodySize));

        var prefix = services.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value.WebhookPathPrefix;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(AspNetCoreLog.Category);
        if (!options.ValidateSignatures)
        {
            AspNetCoreLog.ValidationDisabled(logger, prefix);
        }

        var group = endpoints.MapGroup(prefix);
        // Outermost: times and traces every webhook, refused ones and those the store budget answers 503 included.
        group.AddEndpointFilter(new WebhookTelemetryFilter());
        group.AddEndpointFilter(new WebhookStoreBudgetFilter(logger));
        group.AddEndpointFilter(new TwilioWebhookFilter(options, logger));
        group.DisableAntiforgery();
        group.WithTags("Twilio voice webhooks");
        group.MapPost(WebhookPaths.Answer, WebhookEndpoints.AnswerAsync).WithMetadata(new TwilioWebhookMetadata(TwilioWebhookKind.Answer));
        group.MapPost(WebhookPaths.Status, WebhookEndpoints.StatusAsync).WithMetadata(new TwilioWebhookMetadata(TwilioWebhookKind.Status));
        group.MapPost(WebhookPaths.Recording, WebhookEndpoints.RecordingAsync).WithMetadata(new TwilioWebhookMetadata(TwilioWebhookKind.Recording));
        group.MapPost(WebhookPaths.DialAction, WebhookEndpoints.DialActionAsync).WithMetadata(new TwilioWebhookMetadata(TwilioWebhookKind.DialAction));
        return group;
    }
}
