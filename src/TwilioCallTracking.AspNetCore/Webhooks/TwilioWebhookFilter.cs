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
/// content type (415) and size (413), refuses a request without <c>X-Twilio-Signature</c> before looking for any tenant,
/// reads the form once, resolves the tenant (<see cref="IWebhookTenantResolver"/>), checks the signature with that
/// tenant's auth token, then hands the endpoint a <see cref="TwilioWebhook"/> feature. Unsigned, for no known tenant, or
/// not signed with the tenant's token: the same 403 (<see cref="TwimlResults.Refused"/>), so the answer never tells
/// which tenants exist; only the log, the metrics and <see cref="WebhookDiagnostics"/> say which it was.
/// </summary>
internal sealed class TwilioWebhookFilter(TwilioWebhookOptions options, ILogger logger) : IEndpointFilter
{
    private const string SignatureSettingsHeader = "X-Twilio-Webhooks-Signature-Settings";
    private const string UnsignedReason = "unsigned";
    private const string UnknownTenantReason = "unknown-tenant";
    private const string TokenUnreadableReason = "token-unreadable";

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

        var diagnostics = services.GetRequiredService<WebhookDiagnostics>();
        if (options.ValidateSignatures && IsUnsigned(request))
        {
            // Twilio signs every webhook: an unsigned request is refused before any tenant is looked up, so its answer
            // says nothing about which tenants exist, and it is only counted, never kept as a tenant's failure.
            metrics.SignatureFailure(UnsignedReason, tenantResolved: false);
            diagnostics.RecordUnsignedWebhook();
            AspNetCoreLog.UnsignedWebhook(logger, kind.ToName());
            return TwimlResults.Refused();
        }

        using var form = DecodedForm.Decode(body.Span);
        var parameters = form.ToParameters();
        var tenantHint = FirstOrNull(request.Query[WebhookPaths.TenantQueryParameter]);
        var configurations = services.GetRequiredService<TwilioConfigurationService>();
        var resolver = services.GetService<IWebhookTenantResolver>() ?? new WebhookTenantResolver(configurations);
        var tenant = await resolver.ResolveAsync(new WebhookTenantQuery(kind, tenantHint, parameters), http.RequestAborted);
        if (tenant is null)
        {
            return UnknownTenant(kind, tenantHint, parameters, metrics, diagnostics);
        }

        var coreOptions = services.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;
        var url = TwilioRequestUrl.FromRequest(request, tenant.PublicBaseUrl ?? coreOptions.PublicBaseUrl);
        if (options.ValidateSignatures && CheckSignature(request, configurations, tenant, url, form) is { } reason)
        {
            var usedUrl = url.ToString();
            metrics.SignatureFailure(reason, tenantResolved: true);
            diagnostics.RecordSignatureFailure(tenant.TenantId, kind.ToName(), reason, usedUrl);
            AspNetCoreLog.SignatureRejected(logger, kind.ToName(), tenant.TenantId, reason, usedUrl);
            return TwimlResults.Refused();
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

    private static bool IsUnsigned(HttpRequest request)
    {
        var signature = request.Headers[TwilioSignatureValidator.HeaderName];
        return signature.Count == 0 || (signature.Count == 1 && string.IsNullOrEmpty(signature[0]));
    }

    // Why the request is not signed with the tenant's auth token, or null when it is.
    private string? CheckSignature(HttpRequest request, TwilioConfigurationService configurations, TwilioConfiguration tenant, in TwilioRequestUrl url, in DecodedForm form)
    {
        var settings = request.Headers[SignatureSettingsHeader];
        if (settings.Count > 0 && !UsesAuthTokenSignature(settings.ToString()))
        {
            return TwilioSignatureResult.UnsupportedAlgorithm.ToReason();
        }

        string token;
        try
        {
            token = configurations.RevealAuthToken(tenant);
        }
        catch (AuthTokenProtectionException ex)
        {
            // Altered, copied from another tenant's row, or under a key that is not configured: no webhook can be checked.
            Log.AuthTokenUnreadable(logger, tenant.TenantId, ex.Message);
            return TokenUnreadableReason;
        }

        var signature = request.Headers[TwilioSignatureValidator.HeaderName];
        var verdict = signature.Count == 1 ? TwilioSignatureValidator.ValidateFormPost(token, url, form, signature[0]) : TwilioSignatureResult.Malformed;
        return verdict == TwilioSignatureResult.Valid ? null : verdict.ToReason();
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

    private object UnknownTenant(TwilioWebhookKind kind, string? tenantHint, TwilioRequestParameters parameters, CallTrackingMetrics metrics, WebhookDiagnostics diagnostics)
    {
        AspNetCoreLog.UnknownTenant(logger, kind.ToName(), tenantHint, parameters[P.To], parameters[P.From], parameters[P.AccountSid]);
        metrics.SignatureFailure(UnknownTenantReason, tenantResolved: false);
        diagnostics.RecordUnknownTenantWebhook();
        if (kind == TwilioWebhookKind.Answer && tenantHint is null)
        {
            // The caller is on the line: a clean rejection beats Twilio's "an application error has occurred".
            return TwimlResults.Twiml(InboundTwiml.Reject());
        }

        // The same answer as for a tenant's webhook whose signature does not match: which tenants exist stays unsaid.
        return TwimlResults.Refused();
    }

    private ProblemHttpResult Refuse(TwilioWebhookKind kind, CallTrackingMetrics metrics, int status, string title, string detail)
    {
        metrics.WebhookRejected(kind);
        AspNetCoreLog.WebhookRefused(logger, kind.ToName(), status, detail);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    private static string? FirstOrNull(StringValues values) => values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
