namespace TwilioCallTracking.StoreTests;

/// <summary>What <see cref="CallStoreTestExtensions.SaveChangeAsync"/> did.</summary>
public enum SaveOutcome
{
    /// <summary>The event was appended (and the next state stored, with the version incremented).</summary>
    Saved,

    /// <summary>The call already has an event with the same deduplication key: nothing was written.</summary>
    Duplicate,

    /// <summary>The call changed since the expected version: nothing was written.</summary>
    Conflict,

    /// <summary>No such call for the tenant (or the event belongs elsewhere): nothing was written.</summary>
    NotFound,
}
