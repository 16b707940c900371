using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>A thread-safe <see cref="ITwilioConfigurationStore"/> in process memory: the default when no other store is registered.</summary>
public sealed class InMemoryTwilioConfigurationStore : ITwilioConfigurationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TwilioConfiguration> _byTenant = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byTenant.TryGetValue(tenantId, out var configuration) ? configuration.Clone() : null);
        }
    }

    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byTenant.Values.FirstOrDefault(c => c.PhoneNumber == phoneNumber)?.Clone());
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TwilioConfiguration> found = _byTenant.Values
                .Where(c => c.AccountSid == accountSid)
                .OrderBy(c => c.TenantId, StringComparer.Ordinal)
                .Select(c => c.Clone())
                .ToList();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (_gate)
        {
            if (_byTenant.Values.Any(c => c.PhoneNumber == configuration.PhoneNumber && c.TenantId != configuration.TenantId))
            {
                throw PhoneNumberInUseException.For(configuration.PhoneNumber);
            }

            _byTenant[configuration.TenantId] = configuration.Clone();
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byTenant.Remove(tenantId));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        lock (_gate)
        {
            IReadOnlyList<TwilioConfiguration> page = _byTenant.Values
                .Where(c => afterTenantId is null || string.CompareOrdinal(c.TenantId, afterTenantId) > 0)
                .OrderBy(c => c.TenantId, StringComparer.Ordinal)
                .Take(pageSize)
                .Select(c => c.Clone())
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<bool> ReplaceProtectedSecretsAsync(
        TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrEmpty(protectedAuthToken);
        lock (_gate)
        {
            if (!_byTenant.TryGetValue(current.TenantId, out var stored)
                || stored.AccountSid != current.AccountSid || stored.ProtectedAuthToken != current.ProtectedAuthToken
                || stored.ApiKeySid != current.ApiKeySid || stored.ProtectedApiKeySecret != current.ProtectedApiKeySecret)
            {
                return Task.FromResult(false);
            }

            stored.ProtectedAuthToken = protectedAuthToken;
            stored.ProtectedApiKeySecret = protectedApiKeySecret;
            return Task.FromResult(true);
        }
    }
}
