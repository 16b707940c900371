namespace TwilioCallTracking;

/// <summary>
/// The registered <see cref="ITwilioConfigurationStore"/>, each operation timed and traced (<see cref="StoreTelemetry"/>).
/// The protected auth token passes through untouched and is never a tag.
/// </summary>
/// <param name="inner">The store registered in the container.</param>
/// <param name="telemetry">Times and traces each operation.</param>
internal sealed class TracedTwilioConfigurationStore(ITwilioConfigurationStore inner, StoreTelemetry telemetry) : ITwilioConfigurationStore
{
    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ConfigurationsFindByTenant, tenantId, () => inner.FindByTenantAsync(tenantId, cancellationToken));

    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ConfigurationsFindByPhoneNumber, null, () => inner.FindByPhoneNumberAsync(phoneNumber, cancellationToken));

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ConfigurationsFindByAccountSid, null, () => inner.FindByAccountSidAsync(accountSid, cancellationToken));

    /// <inheritdoc/>
    public Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return telemetry.MeasureAsync(StoreOperation.ConfigurationsSave, configuration.TenantId, () => inner.SaveAsync(configuration, cancellationToken));
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ConfigurationsDelete, tenantId, () => inner.DeleteAsync(tenantId, cancellationToken));

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ConfigurationsList, null, () => inner.ListAsync(afterTenantId, pageSize, cancellationToken));

    /// <inheritdoc/>
    public Task<bool> ReplaceProtectedSecretsAsync(
        TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        return telemetry.MeasureAsync(
            StoreOperation.ConfigurationsReplaceSecrets, current.TenantId,
            () => inner.ReplaceProtectedSecretsAsync(current, protectedAuthToken, protectedApiKeySecret, cancellationToken));
    }
}
