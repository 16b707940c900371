namespace TwilioCallTracking;

/// <summary>The registered <see cref="ICallReconciliationStore"/>, each operation timed and traced (<see cref="StoreTelemetry"/>).</summary>
/// <param name="inner">The store registered in the container.</param>
/// <param name="telemetry">Times and traces each operation.</param>
internal sealed class TracedCallReconciliationStore(ICallReconciliationStore inner, StoreTelemetry telemetry) : ICallReconciliationStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.ReconciliationClaim, null, () => inner.ClaimAsync(criteria, cancellationToken));

    /// <inheritdoc/>
    public Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return telemetry.MeasureAsync(
            StoreOperation.ReconciliationRelease, lease.Call.TenantId, () => inner.ReleaseAsync(lease, attempts, nextAttemptAt, cancellationToken),
            static released => released ? TelemetryOutcomes.Ok : "lease_lost", lease.Call.Id, lease.Call.TwilioCallSid);
    }
}
