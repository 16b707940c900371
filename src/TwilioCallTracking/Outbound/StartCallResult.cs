using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Why an outbound call could not be started.</summary>
public enum StartCallErrorKind
{
    /// <summary>The number to call is not E.164. Nothing was written.</summary>
    InvalidNumber,

    /// <summary>The tenant has no Twilio configuration, or no public base URL for callbacks. Nothing was written.</summary>
    NotConfigured,

    /// <summary>Twilio refused the call (e.g. 21211 invalid number, 20003 authentication). The call is stored as failed.</summary>
    TwilioRejected,

    /// <summary>
    /// Twilio could not be reached: the connection was refused or the name did not resolve, so the request was never
    /// sent. The call is stored as failed and was not retried.
    /// </summary>
    TwilioUnavailable,

    /// <summary>
    /// The request was sent but its answer never came (a timeout, a connection lost, a 5xx): Twilio may have placed the
    /// call. It stays <see cref="CallStatus.Queued"/> with no SID; the first status callback (which carries the call's id)
    /// attaches the SID and moves it on, or the reconciliation sweeper looks for it at Twilio after
    /// <see cref="ReconciliationOptions.UnconfirmedCallDelay"/> and fails it only when Twilio has no such call. Never retried.
    /// </summary>
    TwilioOutcomeUnknown,

    /// <summary>The contact to link the call to is not one of the tenant's contacts. Nothing was written.</summary>
    UnknownContact,
}

/// <summary>Why an outbound call could not be started, with Twilio's own code and message when Twilio answered.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">What went wrong and what to do about it.</param>
/// <param name="Field">The request field at fault, for <see cref="StartCallErrorKind.InvalidNumber"/> and <see cref="StartCallErrorKind.UnknownContact"/>.</param>
/// <param name="TwilioErrorCode">Twilio's error code (e.g. 21211).</param>
/// <param name="TwilioHttpStatus">The HTTP status Twilio answered with.</param>
/// <param name="MoreInfo">Twilio's documentation link for the error.</param>
public sealed record StartCallError(
    StartCallErrorKind Kind, string Message, string? Field = null, int? TwilioErrorCode = null, int? TwilioHttpStatus = null, string? MoreInfo = null);

/// <summary>The outcome of <see cref="OutboundCallService.StartAsync"/>.</summary>
/// <param name="Call">
/// The stored call (queued on success and when the outcome is unknown, failed when Twilio refused it); <see langword="null"/>
/// when nothing was written.
/// </param>
/// <param name="Error">Why it failed, or <see langword="null"/> on success.</param>
public sealed record StartCallResult(Call? Call, StartCallError? Error)
{
    /// <summary>Whether Twilio accepted the call.</summary>
    public bool Succeeded => Error is null;
}
