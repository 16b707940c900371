using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>What <see cref="ICallStore.CreateAsync"/> did.</summary>
/// <param name="Created">Whether the call was added.</param>
/// <param name="Call">The added call, or the tenant's existing call with the same SID; <see langword="null"/> when the SID belongs to another tenant.</param>
public sealed record CallCreateResult(bool Created, Call? Call);
