namespace TwilioCallTracking.AspNetCore;

/// <summary>The answer of <c>POST /api/calls/initiate</c> when Twilio accepted the call.</summary>
/// <param name="Success">Always <see langword="true"/> (failures are ProblemDetails).</param>
/// <param name="CallSid">Twilio's call SID.</param>
/// <param name="Status">The call's status, <c>queued</c> at first.</param>
/// <param name="CallId">The call's id in this library (<c>GET /api/calls/{id}</c>).</param>
public sealed record InitiateCallResponse(bool Success, string CallSid, string Status, Guid CallId);
