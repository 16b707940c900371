namespace TwilioCallTracking;

/// <summary>
/// Persists each tenant's <see cref="TwilioConfiguration"/>. The auth token and the API key secret arrive and leave
/// encrypted. Register your own with <c>AddTwilioCallTracking().AddTwilioConfigurationStore&lt;TStore&gt;()</c>.
/// </summary>
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

    /// <summary>
    /// One page of every tenant's configuration, ordered by tenant id in the store's own order (the same from page to
    /// page): at most <paramref name="pageSize"/> configurations whose tenant id comes after
    /// <paramref name="afterTenantId"/> (from the first when <see langword="null"/>). Pass the last tenant id of a page to
    /// get the next; a page shorter than <paramref name="pageSize"/> is the last.
    /// </summary>
    Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the protected auth token and API key secret of <paramref name="current"/>'s tenant with
    /// <paramref name="protectedAuthToken"/> and <paramref name="protectedApiKeySecret"/> (the key rotation at start
    /// protects them again under the current key), only if the stored configuration still has <paramref name="current"/>'s
    /// account SID, protected auth token, API key SID and protected API key secret (as read): a save made meanwhile is
    /// never overwritten. Nothing else changes. Returns whether they were replaced.
    /// </summary>
    Task<bool> ReplaceProtectedSecretsAsync(
        TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default);
}
