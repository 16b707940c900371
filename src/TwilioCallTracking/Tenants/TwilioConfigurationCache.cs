using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Keeps tenants' configurations, found by tenant or by Twilio number, and their decrypted auth tokens (the webhook
/// signing keys) and API key secrets, so that a webhook or a REST request costs no configuration read and no AES-GCM
/// decryption.
/// </summary>
/// <remarks>
/// Bounded in size (<see cref="TwilioCallTrackingOptions.ConfigurationCacheSize"/>: when full, it starts again empty)
/// and in lifetime (<see cref="TwilioCallTrackingOptions.ConfigurationCacheDuration"/>). A save or delete through
/// <see cref="TwilioConfigurationService"/> drops the tenant's entries on this host at once; other hosts sharing the
/// database see the change when their entries expire. Tokens live in this process's memory only, never in a log.
/// </remarks>
internal sealed class TwilioConfigurationCache(IAuthTokenProtector protector, TimeProvider time, IOptions<TwilioCallTrackingOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _byTenant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byNumber = new(StringComparer.Ordinal);

    // Taken only to store a freshly loaded entry and to invalidate: a load that began before a save never stores what
    // it read once the save has invalidated (the generation moved on).
    private readonly Lock _writeGate = new();
    private long _generation;

    public ValueTask<TwilioConfiguration?> FindByTenantAsync(string tenantId, Func<string, CancellationToken, Task<TwilioConfiguration?>> load, CancellationToken cancellationToken) =>
        FindAsync(_byTenant, tenantId, load, cancellationToken);

    public ValueTask<TwilioConfiguration?> FindByNumberAsync(string number, Func<string, CancellationToken, Task<TwilioConfiguration?>> load, CancellationToken cancellationToken) =>
        FindAsync(_byNumber, number, load, cancellationToken);

    /// <summary>The decrypted auth token: decrypted once per cached configuration.</summary>
    public string AuthToken(TwilioConfiguration configuration) =>
        Cached(configuration) is { } entry ? entry.AuthToken ??= UnprotectAuthToken(configuration) : UnprotectAuthToken(configuration);

    /// <summary>The decrypted API key secret (the configuration must have an API key): decrypted once per cached configuration.</summary>
    public string ApiKeySecret(TwilioConfiguration configuration) =>
        Cached(configuration) is { } entry ? entry.ApiKeySecret ??= UnprotectApiKeySecret(configuration) : UnprotectApiKeySecret(configuration);

    /// <summary>What the tenant's REST requests authenticate with: its API key when it has one, else its account and auth token.</summary>
    public TwilioRestCredentials RestCredentials(TwilioConfiguration configuration) =>
        configuration.ApiKeySid is { Length: > 0 } apiKeySid
            ? new TwilioRestCredentials(apiKeySid, ApiKeySecret(configuration))
            : new TwilioRestCredentials(configuration.AccountSid, AuthToken(configuration));

    /// <summary>Drops everything this host cached about <paramref name="tenantId"/> and about <paramref name="numbers"/>.</summary>
    public void Invalidate(string tenantId, params string?[] numbers)
    {
        lock (_writeGate)
        {
            _generation++;
            _byTenant.TryRemove(tenantId, out _);
            foreach (var (number, entry) in _byNumber)
            {
                if (entry.Configuration?.TenantId == tenantId || Array.IndexOf(numbers, number) >= 0)
                {
                    _byNumber.TryRemove(number, out _);
                }
            }
        }
    }

    private async ValueTask<TwilioConfiguration?> FindAsync(
        ConcurrentDictionary<string, Entry> entries, string key, Func<string, CancellationToken, Task<TwilioConfiguration?>> load, CancellationToken cancellationToken)
    {
        var duration = options.Value.ConfigurationCacheDuration;
        var now = time.GetTimestamp();
        if (entries.TryGetValue(key, out var entry) && now < entry.ExpiresAt)
        {
            return entry.Configuration;
        }

        var generation = Volatile.Read(ref _generation);
        var configuration = await load(key, cancellationToken);
        if (duration <= TimeSpan.Zero)
        {
            return configuration;
        }

        lock (_writeGate)
        {
            if (generation != _generation)
            {
                // A save or delete happened during the load: what was read may be older than it; keep nothing.
                return configuration;
            }

            if (entries.Count >= options.Value.ConfigurationCacheSize)
            {
                // Bounded the simplest way: a full cache starts again; the entries in use come back on their next webhook.
                entries.Clear();
            }

            var expiresAt = now + (long)(duration.TotalSeconds * time.TimestampFrequency);
            entries[key] = new Entry(configuration, expiresAt);
            if (configuration is not null && !ReferenceEquals(entries, _byTenant))
            {
                _byTenant[configuration.TenantId] = new Entry(configuration, expiresAt);
            }
        }

        return configuration;
    }

    // The cached entry of this very configuration (the same secrets, as ciphertext, for the same account and key), if any.
    private Entry? Cached(TwilioConfiguration configuration) =>
        _byTenant.TryGetValue(configuration.TenantId, out var entry) && entry.Configuration is { } cached
        && string.Equals(cached.ProtectedAuthToken, configuration.ProtectedAuthToken, StringComparison.Ordinal)
        && string.Equals(cached.AccountSid, configuration.AccountSid, StringComparison.Ordinal)
        && string.Equals(cached.ApiKeySid, configuration.ApiKeySid, StringComparison.Ordinal)
        && string.Equals(cached.ProtectedApiKeySecret, configuration.ProtectedApiKeySecret, StringComparison.Ordinal)
            ? entry
            : null;

    // Each opens only for the tenant and account (and key) it was saved for: a value copied from another row, or from the
    // other secret's column, throws.
    private string UnprotectAuthToken(TwilioConfiguration configuration) =>
        protector.Unprotect(configuration.ProtectedAuthToken, AuthTokenOwner.For(configuration));

    private string UnprotectApiKeySecret(TwilioConfiguration configuration) =>
        protector.Unprotect(
            configuration.ProtectedApiKeySecret ?? throw new AuthTokenProtectionException("The configuration has an API key SID but no API key secret: save the tenant's Twilio settings again with it."),
            AuthTokenOwner.ForApiKeySecret(configuration));

    private sealed class Entry(TwilioConfiguration? configuration, long expiresAt)
    {
        public TwilioConfiguration? Configuration { get; } = configuration;

        public long ExpiresAt { get; } = expiresAt;

        public string? AuthToken { get; set; }

        public string? ApiKeySecret { get; set; }
    }
}
