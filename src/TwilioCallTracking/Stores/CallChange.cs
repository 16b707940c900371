namespace TwilioCallTracking;

/// <summary>
/// Decides a call's next state and the event that explains it, from the call as the store has it now. Pure: called by
/// the store inside its atomic operation, possibly more than once.
/// </summary>
/// <param name="call">The tenant's call the change names, or <see langword="null"/> when the store has none.</param>
/// <param name="parent">
/// When <paramref name="call"/> is <see langword="null"/> and <see cref="CallChange.ParentCallSid"/> was given: the
/// tenant's parent call, if the store has it (a new child leg takes its contact and user from it).
/// </param>
public delegate CallDecision CallDecider(Call? call, Call? parent);

/// <summary>
/// One change to one call, applied by <see cref="ICallStore.ChangeAsync"/>: the store finds the call, asks
/// <see cref="Decide"/> what to write, and writes it atomically.
/// </summary>
public sealed class CallChange
{
    /// <summary>The tenant that owns the call. The store never reads or writes another tenant's call for it.</summary>
    public required string TenantId { get; init; }

    /// <summary>Twilio's call SID: the call is looked up by it first.</summary>
    public string? CallSid { get; init; }

    /// <summary>
    /// The call's own id: looked up when no call has <see cref="CallSid"/> (a callback that beat the REST answer carrying
    /// the SID). A call found this way whose SID is another one is not this call.
    /// </summary>
    public Guid? CallId { get; init; }

    /// <summary>The parent call's SID, for a child leg: the parent is read only when the call itself is missing.</summary>
    public string? ParentCallSid { get; init; }

    /// <summary>Decides what to write.</summary>
    public required CallDecider Decide { get; init; }

    /// <summary>
    /// Whether <paramref name="foundById"/>, the tenant's call with <see cref="CallId"/>, is this change's call: it is
    /// not when it already has a SID other than <see cref="CallSid"/>.
    /// </summary>
    public bool IsSameCall(Call foundById)
    {
        ArgumentNullException.ThrowIfNull(foundById);
        return CallSid is null || foundById.TwilioCallSid is null || foundById.TwilioCallSid == CallSid;
    }
}

/// <summary>What a <see cref="CallDecider"/> wants written.</summary>
/// <param name="Next">
/// The call's next state: a new call when the store had none, otherwise the same call (same id and tenant) changed, or
/// equal to the current one when only the event is added.
/// </param>
/// <param name="Event">The event to append; <see langword="null"/> writes nothing at all.</param>
public readonly record struct CallDecision(Call? Next, CallEvent? Event)
{
    private readonly IReadOnlyList<CallNotification>? _notifications;

    /// <summary>
    /// What the host is told about this change (its outbox): stored with the event, in the same transaction, only when the
    /// event is stored (never for a duplicate, a conflict or an unchanged call). The library fills it in; a store writes
    /// what it is given.
    /// </summary>
    public IReadOnlyList<CallNotification> Notifications
    {
        get => _notifications ?? [];
        init => _notifications = value;
    }

    /// <summary>Write nothing (for example, the webhook names a call the tenant does not have).</summary>
    public static CallDecision None => default;
}

/// <summary>What <see cref="ICallStore.ChangeAsync"/> did.</summary>
public enum CallChangeOutcome
{
    /// <summary>The event was appended, with the call's new state (a new call, or its version up by one when it changed).</summary>
    Saved,

    /// <summary>The call already had an event with the same deduplication key: a repeated delivery; nothing written.</summary>
    Duplicate,

    /// <summary>
    /// Someone else changed or created the call between the read and the write: nothing written. Apply the change again;
    /// the decider then sees the newer state.
    /// </summary>
    Conflict,

    /// <summary>The decider asked for nothing, or the SID of a new call belongs to another tenant: nothing written.</summary>
    Unchanged,
}

/// <summary>The result of <see cref="ICallStore.ChangeAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Call">The call as stored after the change (or as it was, when nothing was written); <see langword="null"/> when there is none.</param>
public sealed record CallChangeResult(CallChangeOutcome Outcome, Call? Call);
