using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Saves and reads tenants' Twilio settings: validates them, encrypts the auth token and the API key secret before they
/// reach the store, and never hands them back. Reads are served from a short-lived cache (see
/// <see cref="TwilioCallTrackingOptions.ConfigurationCacheDuration"/>) that a save or delete here clears at once.
/// </summary>
public sealed class TwilioConfigurationService
{
    private readonly ITwilioConfigurationStore _store;
    private readonly IAuthTokenProtector _protector;
    private readonly TwilioConfigurationCache _cache;
    private readonly TimeProvider _time;
    private readonly bool _allowPrivateNetworkUrls;

    internal TwilioConfigurationService(
        ITwilioConfigurationStore store, IAuthTokenProtector protector, TwilioConfigurationCache cache, TimeProvider time, IOptions<TwilioCallTrackingOptions> options)
    {
        _allowPrivateNetworkUrls = options.Value.AllowPrivateNetworkUrls;
        _store = store;
        _protector = protector;
        _cache = cache;
        _time = time;
    }

    /// <summary>The message for a tenant without a Twilio configuration: what is missing and how to save it.</summary>
    public static string NotConfiguredMessage(string tenantId) =>
        $"Twilio is not configured for tenant '{tenantId}': save its account SID, auth token and Twilio number with TwilioConfigurationService.SaveAsync.";

    /// <summary>The tenant's configuration (its token still encrypted), or <see langword="null"/>.</summary>
    public ValueTask<TwilioConfiguration?> FindAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _cache.FindByTenantAsync(tenantId, _store.FindByTenantAsync, cancellationToken);

    /// <summary>The configuration of the tenant that owns the Twilio number <paramref name="phoneNumber"/> (E.164), or <see langword="null"/>.</summary>
    public ValueTask<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default) =>
        _cache.FindByNumberAsync(phoneNumber, _store.FindByPhoneNumberAsync, cancellationToken);

    /// <summary>Every tenant whose configuration uses the Twilio account <paramref name="accountSid"/> (not cached).</summary>
    public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default) =>
        _store.FindByAccountSidAsync(accountSid, cancellationToken);

    /// <summary>Deletes the tenant's configuration; returns whether there was one.</summary>
    public async Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var existing = await _store.FindByTenantAsync(tenantId, cancellationToken);
        var deleted = await _store.DeleteAsync(tenantId, cancellationToken);
        _cache.Invalidate(tenantId, existing?.PhoneNumber);
        return deleted;
    }

    /// <summary>
    /// Validates and saves the tenant's settings. Returns the validation errors by field (empty when saved). A missing
    /// auth token keeps the stored one; there must be one the first time. A missing API key secret keeps the stored one
    /// while the API key SID stays the same; no API key SID removes the key.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveAsync(string tenantId, TwilioSettings settings, CancellationToken cancellationToken = default)
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

        if (settings.PublicBaseUrl is { } url && PublicUrlRules.Problem(url, _allowPrivateNetworkUrls) is { } urlProblem)
        {
            errors.Add("publicBaseUrl", $"The public base URL {urlProblem}.");
        }

        if (settings.RecordingNotice is { Length: > TwilioConfiguration.MaxRecordingNoticeLength })
        {
            errors.Add("recordingNotice", $"The recording notice is at most {TwilioConfiguration.MaxRecordingNoticeLength} characters: callers hear it before every recorded call.");
        }

        var apiKeySid = string.IsNullOrEmpty(settings.ApiKeySid) ? null : settings.ApiKeySid;
        if (apiKeySid is not null && !TwilioSids.IsApiKeySid(apiKeySid))
        {
            errors.Add("apiKeySid", "The API key SID is 'SK' followed by 32 hex digits (Twilio Console → Account → API keys & tokens).");
        }

        if (apiKeySid is null && !string.IsNullOrEmpty(settings.ApiKeySecret))
        {
            errors.Add("apiKeySecret", "An API key secret needs its API key SID.");
        }

        var existing = await _store.FindByTenantAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(settings.AuthToken) && existing is null)
        {
            errors.Add("authToken", "The auth token is required (Twilio Console → Account info): Twilio signs webhooks with it, even when REST requests use an API key.");
        }

        // A kept secret belongs to the key it was saved with: a new key needs its own.
        var keptApiKeySecret = existing is { ApiKeySid: { } storedKey } && storedKey == apiKeySid ? existing.ProtectedApiKeySecret : null;
        if (apiKeySid is not null && string.IsNullOrEmpty(settings.ApiKeySecret) && keptApiKeySecret is null)
        {
            errors.Add("apiKeySecret", "The API key secret is required with a new API key SID (Twilio shows it once, when the key is created).");
        }

        var owner = new AuthTokenOwner(tenantId, settings.AccountSid);
        var protectedAuthToken = errors.IsValid
            ? Protect(settings.AuthToken, existing?.ProtectedAuthToken, existing is null ? default : AuthTokenOwner.For(existing), owner, "authToken", "auth token", errors)
            : null;
        var protectedApiKeySecret = apiKeySid is not null && protectedAuthToken is not null
            ? Protect(settings.ApiKeySecret, keptApiKeySecret, keptApiKeySecret is null ? default : AuthTokenOwner.ForApiKeySecret(existing!), owner with { ApiKeySid = apiKeySid }, "apiKeySecret", "API key secret", errors)
            : null;
        if (protectedAuthToken is null || (apiKeySid is not null && protectedApiKeySecret is null))
        {
            return errors.Errors;
        }

        var now = _time.GetUtcNow();
        var configuration = new TwilioConfiguration
        {
            TenantId = tenantId,
            AccountSid = settings.AccountSid,
            ProtectedAuthToken = protectedAuthToken,
            ApiKeySid = apiKeySid,
            ProtectedApiKeySecret = protectedApiKeySecret,
            PhoneNumber = settings.PhoneNumber,
            ForwardToNumber = string.IsNullOrEmpty(settings.ForwardToNumber) ? null : settings.ForwardToNumber,
            Greeting = string.IsNullOrWhiteSpace(settings.Greeting) ? null : settings.Greeting.Trim(),
            RecordingNotice = string.IsNullOrWhiteSpace(settings.RecordingNotice) ? null : settings.RecordingNotice.Trim(),
            RecordingMode = settings.RecordingMode,
            PublicBaseUrl = settings.PublicBaseUrl,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        try
        {
            await _store.SaveAsync(configuration, cancellationToken);
        }
        catch (PhoneNumberInUseException ex)
        {
            errors.Add("phoneNumber", ex.Message);
        }

        finally
        {
            _cache.Invalidate(tenantId, existing?.PhoneNumber, settings.PhoneNumber);
        }

        return errors.Errors;
    }

    /// <summary>
    /// Decrypts the tenant's auth token, to validate a webhook signature (REST requests take their credentials from
    /// <see cref="TwilioConfigurationCache.RestCredentials"/>). Never log or return it.
    /// </summary>
    internal string RevealAuthToken(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _cache.AuthToken(configuration);
    }

    // The secret protected for the tenant and the account (and key) being saved: the one entered, else the stored one,
    // opened with the owner it was saved for and protected again (the account may change, and it moves to the current
    // key). A stored one that does not open is an error on its field.
    private string? Protect(
        string? entered, string? stored, AuthTokenOwner storedOwner, AuthTokenOwner owner, string field, string what, WebhookValidationErrors errors)
    {
        if (!string.IsNullOrEmpty(entered))
        {
            return _protector.Protect(entered, owner);
        }

        try
        {
            return _protector.Protect(_protector.Unprotect(stored!, storedOwner), owner);
        }
        catch (AuthTokenProtectionException ex)
        {
            errors.Add(field, $"The stored {what} cannot be used, enter it again. {ex.Message}");
            return null;
        }
    }
}
