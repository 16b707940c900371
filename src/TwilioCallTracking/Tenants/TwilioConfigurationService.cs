using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Saves and reads tenants' Twilio settings: validates them, encrypts the auth token before it reaches the store, and
/// never hands the token back. Reads are served from a short-lived cache (see
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
    /// auth token keeps the stored one; there must be one the first time.
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

        var existing = await _store.FindByTenantAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(settings.AuthToken) && existing is null)
        {
            errors.Add("authToken", "The auth token is required (Twilio Console → Account info).");
        }

        var protectedAuthToken = errors.IsValid ? ProtectAuthToken(tenantId, settings, existing, errors) : null;
        if (protectedAuthToken is null)
        {
            return errors.Errors;
        }

        var now = _time.GetUtcNow();
        var configuration = new TwilioConfiguration
        {
            TenantId = tenantId,
            AccountSid = settings.AccountSid,
            ProtectedAuthToken = protectedAuthToken,
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

    /// <summary>Decrypts the tenant's auth token, to validate a webhook signature or call Twilio. Never log or return it.</summary>
    internal string RevealAuthToken(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _cache.AuthToken(configuration);
    }

    // The token protected for the tenant and the account being saved. A kept token is opened with the owner it was saved
    // for and protected again (the account may change, and it moves to the current key); one that does not open is an error.
    private string? ProtectAuthToken(string tenantId, TwilioSettings settings, TwilioConfiguration? existing, WebhookValidationErrors errors)
    {
        var owner = new AuthTokenOwner(tenantId, settings.AccountSid);
        if (!string.IsNullOrEmpty(settings.AuthToken))
        {
            return _protector.Protect(settings.AuthToken, owner);
        }

        try
        {
            return _protector.Protect(_protector.Unprotect(existing!.ProtectedAuthToken, AuthTokenOwner.For(existing)), owner);
        }
        catch (AuthTokenProtectionException ex)
        {
            errors.Add("authToken", $"The stored auth token cannot be used, enter it again. {ex.Message}");
            return null;
        }
    }
}
