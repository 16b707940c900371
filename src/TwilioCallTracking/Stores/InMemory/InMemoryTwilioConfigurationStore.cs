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
}
