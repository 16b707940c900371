using Microsoft.Extensions.Logging;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The ASP.NET Core package's log messages (source-generated). Auth tokens and signatures never appear in them. Every
/// string parameter is a <see cref="LogText"/>: values from requests are written without line breaks or control characters.
/// </summary>
internal static partial class AspNetCoreLog
{
    public const string Category = "TwilioCallTracking.AspNetCore.Webhooks";

    [LoggerMessage(101, LogLevel.Warning,
        "Refused {Kind} webhook for tenant {TenantId}: signature {Reason} for URL {Url}. Twilio signs the URL configured at Twilio: " +
        "behind a tunnel, load balancer or reverse proxy set TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL) to it, or use the forwarded headers middleware.")]
    public static partial void SignatureRejected(ILogger logger, LogText kind, LogText tenantId, LogText reason, LogText url);

    [LoggerMessage(102, LogLevel.Warning,
        "No tenant owns this {Kind} webhook (tenant {TenantHint}, To {To}, From {From}, AccountSid {AccountSid}); refused, nothing was written. " +
        "Save the number in the Twilio configuration of the tenant that owns it (TwilioConfigurationService.SaveAsync).")]
    public static partial void UnknownTenant(ILogger logger, LogText kind, LogText tenantHint, LogText to, LogText from, LogText accountSid);

    [LoggerMessage(103, LogLevel.Warning,
        "TWILIO SIGNATURE VALIDATION IS DISABLED for the webhooks under {Prefix}: anyone who can reach them can post fake calls and recordings. " +
        "Never run production like this: remove 'ValidateSignatures = false' from MapTwilioVoiceWebhooks().")]
    public static partial void ValidationDisabled(ILogger logger, LogText prefix);

    [LoggerMessage(104, LogLevel.Information, "Refused {Kind} webhook with HTTP {Status}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, LogText kind, int status, LogText reason);

    [LoggerMessage(105, LogLevel.Debug,
        "Refused unsigned {Kind} webhook (no X-Twilio-Signature) before looking for its tenant. Twilio signs every webhook: it came from elsewhere, " +
        "or a proxy dropped the header. Counted in WebhookDiagnostics.UnattributedRejections, not as any tenant's signature failure.")]
    public static partial void UnsignedWebhook(ILogger logger, LogText kind);

    [LoggerMessage(106, LogLevel.Warning,
        "Answered a {Kind} webhook 503 (Twilio retries it): the call store could not be reached or did not answer within the store budget of {Budget} (TwilioCallTracking:StoreTimeout).")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, LogText kind, TimeSpan budget);
}
