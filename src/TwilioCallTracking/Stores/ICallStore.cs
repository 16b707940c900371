namespace TwilioCallTracking;

/// <summary>
/// Persists calls and their events for every tenant. Every read and write names the tenant, and a store never returns
/// or changes another tenant's data. Stores only load and save: the lifecycle rules are the library's, handed to the
/// store as a <see cref="CallDecider"/>.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and safe to use from several processes sharing one database. A store that
/// cannot be reached or does not answer in time throws <see cref="StoreUnavailableException"/> (nothing was
/// acknowledged); a cancelled token makes a caller stop waiting at once, whatever the store is doing.
/// </remarks>
public interface ICallStore
{
    /// <summary>
    /// The one write the lifecycle needs, atomic: finds the call (<see cref="CallChange.CallSid"/>, else
    /// <see cref="CallChange.CallId"/>; and the parent when the call is missing and <see cref="CallChange.ParentCallSid"/>
    /// is given), calls <see cref="CallChange.Decide"/>, then stores the decision: a new call with its first event, or
    /// the event plus the call's next state if the call is still at the version that was read. An event whose
    /// (call, <see cref="CallEvent.DeduplicationKey"/>) exists already makes the whole change a
    /// <see cref="CallChangeOutcome.Duplicate"/>. Both or nothing is written.
    /// </summary>
    /// <remarks>
    /// A store may commit several callers' changes in one transaction, but answers each caller only once the
    /// transaction holding its change has committed.
    /// </remarks>
    Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's call by its id.</summary>
    Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's call by Twilio's call SID.</summary>
    Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's calls, newest first.</summary>
    Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists a call's events in the order they were recorded (its timeline).</summary>
    Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default);
}
