namespace TwilioCallTracking.AspNetCore;

/// <summary>A page of a tenant's calls, newest first.</summary>
/// <param name="Items">The calls.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; <see langword="null"/> on the last page.</param>
public sealed record CallListResponse(IReadOnlyList<CallResponse> Items, string? NextCursor);
