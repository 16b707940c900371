using TwilioCallTracking;
using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking;

/// <summary>A call status callback (parent or child leg), parsed and validated.</summary>
/// <param name="CallSid">The leg the callback is about.</param>
/// <param name="From">The caller.</param>
/// <param name="To">The callee.</param>
/// <param name="SequenceNumber">Twilio's <c>SequenceNumber</c> for this call's callbacks, when sent.</param>
/// <param name="Report">What the callback says about the call's status.</param>
/// <param name="Parameters">Every parameter Twilio posted.</param>
internal sealed record StatusCallback(
    string CallSid, string From, string To, int? SequenceNumber, StatusReport Report, TwilioRequestParameters Parameters)
{
    /// <summary>Parses a status callback; <paramref name="errors"/> says what is wrong when it returns <see langword="null"/>.</summary>
    /// <param name="parameters">The posted parameters.</param>
    /// <param name="receivedAt">When it arrived; used when Twilio sent no <c>Timestamp</c>.</param>
    /// <param name="errors">The validation errors.</param>
    public static StatusCallback? Parse(TwilioRequestParameters parameters, DateTimeOffset receivedAt, out WebhookValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        errors = new WebhookValidationErrors();
        var callSid = errors.RequireCallSid(parameters, P.CallSid);
        var from = errors.Require(parameters, P.From);
        var to = errors.Require(parameters, P.To);
        var rawStatus = errors.Require(parameters, P.CallStatus);
        var parent = parameters.GetNonEmpty(P.ParentCallSid);
        if (parent is not null && !TwilioSids.IsCallSid(parent))
        {
            errors.Add(P.ParentCallSid, "The 'ParentCallSid' parameter must be a Twilio call SID.");
        }

        if (!errors.IsValid)
        {
            return null;
        }

        var report = new StatusReport
        {
            RawStatus = rawStatus,
            Status = CallStatusNames.TryParse(rawStatus, out var status) ? status : null,
            At = TwilioTimestamp.Parse(parameters[P.Timestamp]) ?? receivedAt,
            CallDurationSeconds = parameters.GetInt32(P.CallDuration),
            TwilioDirection = parameters.GetNonEmpty(P.Direction),
            From = from,
            To = to,
            ParentCallSid = parent,
            ErrorCode = parameters.GetInt32(P.ErrorCode),
            ErrorMessage = parameters.GetNonEmpty(P.ErrorMessage),
            Recording = parameters.GetNonEmpty(P.RecordingSid) is { } recordingSid
                ? new RecordingReport
                {
                    Status = "completed",
                    RecordingSid = recordingSid,
                    RecordingUrl = parameters.GetNonEmpty(P.RecordingUrl),
                    DurationSeconds = parameters.GetInt32(P.RecordingDuration),
                }
                : null,
        };

        return new StatusCallback(callSid, from, to, parameters.GetInt32(P.SequenceNumber), report, parameters);
    }

    /// <summary>The key that identifies this delivery.</summary>
    public string DeduplicationKey => DeduplicationKeys.ForStatus(CallSid, Report.RawStatus, SequenceNumber, Parameters);
}
