using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Persists each tenant's <see cref="TwilioConfiguration"/>. The auth token arrives and leaves encrypted.</summary>
public interface ITwilioConfigurationStore
{
    /// <summary>The tenant's configuration, or <see langword="null"/> when Twilio is not configured for it.</summary>
    Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The configuration that owns a Twilio number (E.164): how a webhook finds its tenant.</summary>
    Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default);

    /// <summary>The configurations that use a Twilio account SID (usually one: a subaccount per tenant).</summary>
    Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces the tenant's configuration. Throws <see cref="PhoneNumberInUseException"/> when another tenant
    /// owns the same Twilio number.
    /// </summary>
    Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's configuration; returns whether there was one.</summary>
    Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default);
}
