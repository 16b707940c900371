using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Saves and reads tenants' Twilio settings: validates them, encrypts the auth token before it reaches the store, and
/// never hands the token back.
/// </summary>
/// <param name="store">Where configurations are kept.</param>
/// <param name="protector">Encrypts auth tokens.</param>
/// <param name="time">The clock.</param>
public class TwilioConfigurationService(ITwilioConfigurationStore store, IAuthTokenProtector protector, TimeProvider time)
{
    /// <summary>The tenant's configuration (its token still encrypted), or <see langword="null"/>.</summary>
    public virtual Task<TwilioConfiguration?> FindAsync(string tenantId, CancellationToken cancellationToken = default) =>
        store.FindByTenantAsync(tenantId, cancellationToken);

    /// <summary>
    /// Validates and saves the tenant's settings. Returns the validation errors by field (empty when saved). A missing
    /// auth token keeps the stored one; there must be one the first time.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<string, string[]>> SaveAsync(string tenantId, TwilioSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new WebhookValidationErrors();
        if (!TwilioSids.IsAccountSid(settings.AccountSid))
        {
            errors.Add("accountSid", "The account SID is 'AC' followed by 32 hex digits (Twilio Console → Account info).");
        }

        if (!TwilioSids.IsE164(settings.PhoneNumber))
        {
            errors.Add("phoneNumber", "The Twilio number must be in E.164 format, e.g. +18005550100.");
        }

        if (settings.ForwardToNumber is { Length: > 0 } forward && !TwilioSids.IsE164(forward))
        {
            errors.Add("forwardToNumber", "The forward-to number must be in E.164 format, e.g. +14155550100.");
        }

        if (settings.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("publicBaseUrl", "The public base URL must be an absolute http(s) URL, e.g. https://crm.example.com.");
        }

        var existing = await store.FindByTenantAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(settings.AuthToken) && existing is null)
        {
            errors.Add("authToken", "The auth token is required (Twilio Console → Account info).");
        }

        if (!errors.IsValid)
        {
            return errors.Errors;
        }

        var now = time.GetUtcNow();
        var configuration = new TwilioConfiguration
        {
            TenantId = tenantId,
            AccountSid = settings.AccountSid,
            ProtectedAuthToken = string.IsNullOrEmpty(settings.AuthToken) ? existing!.ProtectedAuthToken : protector.Protect(settings.AuthToken),
            PhoneNumber = settings.PhoneNumber,
            ForwardToNumber = string.IsNullOrEmpty(settings.ForwardToNumber) ? null : settings.ForwardToNumber,
            Greeting = string.IsNullOrWhiteSpace(settings.Greeting) ? null : settings.Greeting.Trim(),
            RecordingMode = settings.RecordingMode,
            PublicBaseUrl = settings.PublicBaseUrl,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        try
        {
            await store.SaveAsync(configuration, cancellationToken);
        }
        catch (PhoneNumberInUseException ex)
        {
            errors.Add("phoneNumber", ex.Message);
        }

        return errors.Errors;
    }

    /// <summary>Decrypts the tenant's auth token, to validate a webhook signature or call Twilio. Never log or return it.</summary>
    public virtual string RevealAuthToken(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return protector.Unprotect(configuration.ProtectedAuthToken);
    }
}
