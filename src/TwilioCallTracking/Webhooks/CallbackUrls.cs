using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Builds the absolute callback URLs this library gives Twilio for a tenant.</summary>
/// <param name="baseUrl">The public base URL Twilio calls.</param>
/// <param name="pathPrefix">The webhook path prefix.</param>
/// <param name="tenantId">The tenant, carried in every URL's query.</param>
public sealed class CallbackUrls(Uri baseUrl, string pathPrefix, string tenantId)
{
    /// <summary>The callback URLs for <paramref name="configuration"/>'s tenant; <see langword="null"/> when no public base URL is known.</summary>
    public static CallbackUrls? For(TwilioConfiguration configuration, TwilioCallTrackingOptions options, Uri? fallbackBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = configuration.PublicBaseUrl ?? options.PublicBaseUrl ?? fallbackBaseUrl;
        return baseUrl is null ? null : new CallbackUrls(baseUrl, options.WebhookPathPrefix, configuration.TenantId);
    }

    /// <summary>The answer URL (to paste as the number's Voice URL).</summary>
    public Uri Answer => Build(WebhookPaths.Answer, null, withTenant: false);

    /// <summary>The status callback URL; <paramref name="callId"/> ties an outbound call's first callbacks to its row.</summary>
    public Uri Status(Guid? callId = null) => Build(WebhookPaths.Status, callId, withTenant: true);

    /// <summary>The recording status callback URL.</summary>
    public Uri Recording(Guid? callId = null) => Build(WebhookPaths.Recording, callId, withTenant: true);

    /// <summary>The <c>&lt;Dial&gt;</c> action URL.</summary>
    public Uri DialAction => Build(WebhookPaths.DialAction, null, withTenant: true);

    /// <summary>The status callback URL to paste into the Twilio Console for the number (no query: the tenant is found by number).</summary>
    public Uri ConsoleStatus => Build(WebhookPaths.Status, null, withTenant: false);

    private Uri Build(string path, Guid? callId, bool withTenant)
    {
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var url = root + pathPrefix + path;
        if (withTenant)
        {
            url += $"?{WebhookPaths.TenantQueryParameter}={Uri.EscapeDataString(tenantId)}";
            if (callId is { } id)
            {
                url += $"&{WebhookPaths.CallQueryParameter}={id:N}";
            }
        }

        return new Uri(url);
    }
}
