using TwilioCallTracking;
using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking;

/// <summary>The <c>&lt;Dial&gt;</c> action callback: the forwarded leg of an inbound call ended.</summary>
/// <param name="CallSid">The parent (inbound) call.</param>
/// <param name="DialCallStatus">The forwarded leg's outcome: completed, busy, no-answer, failed, canceled.</param>
/// <param name="DialCallSid">The forwarded leg's SID, when it was created.</param>
/// <param name="Recording">A recording Twilio mentioned (its media may not be downloadable yet).</param>
/// <param name="Parameters">Every parameter Twilio posted.</param>
internal sealed record DialActionCallback(
    string CallSid, string DialCallStatus, string? DialCallSid, RecordingReport? Recording, TwilioRequestParameters Parameters)
{
    /// <summary>Parses a Dial action callback; <paramref name="errors"/> says what is wrong when it returns <see langword="null"/>.</summary>
    public static DialActionCallback? Parse(TwilioRequestParameters parameters, out WebhookValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        errors = new WebhookValidationErrors();
        var callSid = errors.RequireCallSid(parameters, P.CallSid);
        var dialStatus = errors.Require(parameters, P.DialCallStatus);
        var dialSid = parameters.GetNonEmpty(P.DialCallSid);
        if (dialSid is not null && !TwilioSids.IsCallSid(dialSid))
        {
            errors.Add(P.DialCallSid, "The 'DialCallSid' parameter must be a Twilio call SID.");
        }

        if (!errors.IsValid)
        {
            return null;
        }

        // A RecordingUrl on the action request may not be downloadable yet: the recording callback brings the final one.
        return new DialActionCallback(callSid, dialStatus, dialSid, null, parameters);
    }

    /// <summary>The key that identifies this delivery.</summary>
    public string DeduplicationKey => DeduplicationKeys.ForPayload(CallEventTypes.DialCompleted, CallSid, Parameters);
}
