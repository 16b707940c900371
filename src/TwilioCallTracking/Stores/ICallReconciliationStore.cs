namespace TwilioCallTracking;

/// <summary>
/// Hands out calls that need their state checked with Twilio's REST API (stuck non-terminal calls, completed calls
/// still without a price), each under a lease so that several app instances sharing one database never work on the
/// same call at the same time. Stores that share a database across processes must claim atomically (PostgreSQL:
/// <c>FOR UPDATE SKIP LOCKED</c>); a single-process store may simply lock.
/// </summary>
public interface ICallReconciliationStore
{
    /// <summary>
    /// Claims up to <see cref="ReconciliationCriteria.BatchSize"/> calls that are due, none of them under another live
    /// lease, and leases them to <see cref="ReconciliationCriteria.Owner"/> until <see cref="ReconciliationCriteria.LeaseExpiresAt"/>.
    /// </summary>
    Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a lease: records the attempt count and when the call is due again (<see langword="null"/>: never, its
    /// reconciliation is finished; stores may persist that as <see cref="DateTimeOffset.MaxValue"/>). Fenced by the lease id: returns <see langword="false"/> and changes nothing when the
    /// lease expired and another worker claimed the call since.
    /// </summary>
    Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);
}
