namespace TwilioCallTracking.AspNetCore;

/// <summary>One call with its timeline (<c>GET /api/calls/{id}</c>).</summary>
/// <param name="Call">The call.</param>
/// <param name="Events">Its events, in the order they were recorded.</param>
public sealed record CallDetailsResponse(CallResponse Call, IReadOnlyList<CallEventResponse> Events);
