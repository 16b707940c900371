using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>One atomic change to a call: its next state (optional) and the event that explains it.</summary>
/// <param name="TenantId">The tenant that owns the call.</param>
/// <param name="CallId">The call.</param>
/// <param name="ExpectedVersion">The <see cref="Call.Version"/> the change was computed from.</param>
/// <param name="Next">The call's next state, or <see langword="null"/> when only the event is added.</param>
/// <param name="Event">The event to append.</param>
public sealed record CallChange(string TenantId, Guid CallId, long ExpectedVersion, Call? Next, CallEvent Event);

/// <summary>What <see cref="ICallStore.SaveChangeAsync"/> did.</summary>
public enum CallChangeResult
{
    /// <summary>The change was stored (the call's version went up by one if <see cref="CallChange.Next"/> was given).</summary>
    Saved,

    /// <summary>The event had been stored before: this delivery is a duplicate and nothing was written.</summary>
    Duplicate,

    /// <summary>The call changed since it was read: nothing was written; read it again and recompute.</summary>
    Conflict,

    /// <summary>The tenant has no such call: nothing was written.</summary>
    NotFound,
}
