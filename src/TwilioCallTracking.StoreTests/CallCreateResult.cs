namespace TwilioCallTracking.StoreTests;

/// <summary>What <see cref="CallStoreTestExtensions.CreateAsync"/> did.</summary>
/// <param name="Created">Whether the call was added.</param>
/// <param name="Call">The added call, or the tenant's existing call with the same SID or id; <see langword="null"/> when it is another tenant's.</param>
public sealed record CallCreateResult(bool Created, Call? Call);
