using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Persists calls and their events for every tenant. Every read and write names the tenant, and a store never returns
/// or changes another tenant's data. Stores only load and save: the lifecycle rules live in <see cref="CallLifecycle"/>
/// and are applied by <see cref="CallTrackingService"/>.
/// </summary>
/// <remarks>Implementations must be thread-safe and safe to use from several processes sharing one database.</remarks>
public interface ICallStore
{
    /// <summary>
    /// Adds a new call with its first event. When a call with the same <see cref="Call.TwilioCallSid"/> exists already
    /// (Twilio retried the answer webhook), nothing is written and that call is returned if it is the same tenant's.
    /// </summary>
    Task<CallCreateResult> CreateAsync(Call call, CallEvent firstEvent, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's call by its id.</summary>
    Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's call by Twilio's call SID.</summary>
    Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one atomic write the lifecycle needs: stores <see cref="CallChange.Next"/> (when given) only if the call is
    /// still at <see cref="CallChange.ExpectedVersion"/>, and appends <see cref="CallChange.Event"/>; both or neither.
    /// An event whose (call, <see cref="CallEvent.DeduplicationKey"/>) exists already makes the whole change a duplicate.
    /// </summary>
    Task<CallChangeResult> SaveChangeAsync(CallChange change, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's calls, newest first.</summary>
    Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists a call's events in the order they were recorded (its timeline).</summary>
    Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default);
}
