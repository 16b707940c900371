namespace TwilioCallTracking.StoreTests;

/// <summary>
/// A change a test computed itself from a version of the call it read, for <see cref="CallStoreTestExtensions.SaveChangeAsync"/>.
/// </summary>
/// <param name="TenantId">The tenant whose call changes.</param>
/// <param name="CallId">The call that changes.</param>
/// <param name="ExpectedVersion">The version <paramref name="Next"/> was computed from.</param>
/// <param name="Next">The call's next state, or <see langword="null"/> to append <paramref name="Event"/> only.</param>
/// <param name="Event">The event to append.</param>
public sealed record VersionedChange(string TenantId, Guid CallId, long ExpectedVersion, Call? Next, CallEvent Event);
