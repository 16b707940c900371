namespace TwilioCallTracking;

/// <summary>The registered <see cref="ICallStore"/>, each operation timed and traced (<see cref="StoreTelemetry"/>).</summary>
/// <param name="inner">The store registered in the container (in-memory, EF Core, or the host's own).</param>
/// <param name="telemetry">Times and traces each operation.</param>
internal sealed class TracedCallStore(ICallStore inner, StoreTelemetry telemetry) : ICallStore
{
    /// <inheritdoc/>
    public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return telemetry.MeasureAsync(
            StoreOperation.CallsChange, change.TenantId, () => inner.ChangeAsync(change, cancellationToken), static result => TelemetryOutcomes.Of(result.Outcome),
            change.CallId, change.CallSid);
    }

    /// <inheritdoc/>
    public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.CallsFindById, tenantId, () => inner.FindByIdAsync(tenantId, callId, cancellationToken), callId: callId);

    /// <inheritdoc/>
    public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.CallsFindBySid, tenantId, () => inner.FindBySidAsync(tenantId, callSid, cancellationToken), callSid: callSid);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.CallsList, tenantId, () => inner.ListAsync(tenantId, query, cancellationToken));

    /// <inheritdoc/>
    public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        telemetry.MeasureAsync(StoreOperation.CallEventsList, tenantId, () => inner.ListEventsAsync(tenantId, callId, cancellationToken), callId: callId);
}
