using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TwilioCallTracking;
using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Runs before every endpoint of the webhook group, and writes nothing anywhere until the request passed: checks the
/// content type (415) and size (413), reads the form once, resolves the tenant (<see cref="IWebhookTenantResolver"/>),
/// checks <c>X-Twilio-Signature</c> with that tenant's auth token (403), then hands the endpoint a
/// <see cref="TwilioWebhook"/> feature.
/// </summary>
internal sealed class TwilioWebhookFilter(TwilioWebhookOptions options, ILogger logger) : IEndpointFilter
{
    private const string SignatureSettingsHeader = "X-Twilio-Webhooks-Signature-Settings";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var services = http.RequestServices;
        var kind = http.GetEndpoint()?.Metadata.GetMetadata<TwilioWebhookMetadata>()?.Kind ?? TwilioWebhookKind.Other;
        var metrics = services.GetRequiredService<CallTrackingMetrics>();

        if (!WebhookBody.IsFormUrlEncoded(request.ContentType))
        {
            return Refuse(kind, metrics, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Twilio posts webhooks as application/x-www-form-urlencoded; this request is '{request.ContentType}'.");
        }

        using var body = await WebhookBody.ReadAsync(request, options.MaxRequestBodySize, http.RequestAborted);
        if (body is null)
        {
            return Refuse(kind, metrics, StatusCodes.Status413PayloadTooLarge, "Webhook body too large",
                $"Webhook bodies are limited to {options.MaxRequestBodySize.ToString(CultureInfo.InvariantCulture)} bytes (TwilioWebhookOptions.MaxRequestBodySize).");
        }

        using var form = DecodedForm.Decode(body.Span);
        var parameters = form.ToParameters();
        var tenantHint = FirstOrNull(request.Query[WebhookPaths.TenantQueryParameter]);
        var configurations = services.GetRequiredService<TwilioConfigurationService>();
        var resolver = services.GetService<IWebhookTenantResolver>() ?? new WebhookTenantResolver(configurations);
        var tenant = await resolver.ResolveAsync(new WebhookTenantQuery(kind, tenantHint, parameters), http.RequestAborted);
        if (tenant is null)
        {
            return UnknownTenant(kind, tenantHint, parameters);
        }

        var coreOptions = services.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;
        var url = TwilioRequestUrl.FromRequest(request, tenant.PublicBaseUrl ?? coreOptions.PublicBaseUrl);
        var diagnostics = services.GetRequiredService<WebhookDiagnostics>();
        if (options.ValidateSignatures)
        {
            var token = configurations.RevealAuthToken(tenant);
            var verdict = Check(request, token, url, form);
            if (verdict != TwilioSignatureResult.Valid)
            {
                var reason = verdict.ToReason();
                var usedUrl = url.ToString();
                metrics.SignatureFailure(reason);
                diagnostics.RecordSignatureFailure(tenant.TenantId, kind.ToName(), reason, usedUrl);
                AspNetCoreLog.SignatureRejected(logger, kind.ToName(), tenant.TenantId, reason, usedUrl);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Invalid Twilio signature",
                    detail: $"The X-Twilio-Signature header is {reason} for {usedUrl}.");
            }
        }

        if (!TryReadCallId(request, out var callId))
        {
            metrics.WebhookRejected(kind);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [WebhookPaths.CallQueryParameter] = ["The 'call' query parameter must be a call id in the 32-digit form this library writes."],
            });
        }

        diagnostics.RecordWebhookReceived(tenant.TenantId);
        http.Features.Set(new TwilioWebhook(kind, tenant, parameters, callId, url, options.ValidateSignatures));
        return await next(context);
    }

    private static TwilioSignatureResult Check(HttpRequest request, string token, in TwilioRequestUrl url, in DecodedForm form)
    {
        var settings = request.Headers[SignatureSettingsHeader];
        if (settings.Count > 0 && !UsesAuthTokenSignature(settings.ToString()))
        {
            return TwilioSignatureResult.UnsupportedAlgorithm;
        }

        var signature = request.Headers[TwilioSignatureValidator.HeaderName];
        return signature.Count switch
        {
            0 => TwilioSignatureResult.Missing,
            1 => TwilioSignatureValidator.ValidateFormPost(token, url, form, signature[0]),
            _ => TwilioSignatureResult.Malformed,
        };
    }

    // "key=<id>,algorithm=HMAC_SHA256": anything but HMAC-SHA1 is a shared-key signature this library cannot check.
    private static bool UsesAuthTokenSignature(string settings)
    {
        foreach (var part in settings.Split(','))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair is ["algorithm", { Length: > 0 } algorithm])
            {
                return string.Equals(algorithm, "HMAC_SHA1", StringComparison.OrdinalIgnoreCase);
            }
        }

        return true;
    }

    private static bool TryReadCallId(HttpRequest request, out Guid? callId)
    {
        callId = null;
        if (FirstOrNull(request.Query[WebhookPaths.CallQueryParameter]) is not { } value)
        {
            return true;
        }

        if (!Guid.TryParseExact(value, "N", out var id))
        {
            return false;
        }

        callId = id;
        return true;
    }

    private object UnknownTenant(TwilioWebhookKind kind, string? tenantHint, TwilioRequestParameters parameters)
    {
        AspNetCoreLog.UnknownTenant(logger, kind.ToName(), tenantHint, parameters[P.To], parameters[P.From], parameters[P.AccountSid]);
        if (kind == TwilioWebhookKind.Answer && tenantHint is null)
        {
            // The caller is on the line: a clean rejection beats Twilio's "an application error has occurred".
            return TwimlResults.Twiml(InboundTwiml.Reject());
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown tenant",
            detail: tenantHint is null
                ? "No tenant owns the Twilio number or account of this webhook."
                : $"No tenant '{tenantHint}' has a Twilio configuration.");
    }

    private ProblemHttpResult Refuse(TwilioWebhookKind kind, CallTrackingMetrics metrics, int status, string title, string detail)
    {
        metrics.WebhookRejected(kind);
        AspNetCoreLog.WebhookRefused(logger, kind.ToName(), status, detail);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    private static string? FirstOrNull(StringValues values) => values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
