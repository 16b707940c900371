using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking;

/// <summary>The request Twilio sends to the answer webhook when somebody calls a tenant's number.</summary>
/// <param name="CallSid">The inbound call.</param>
/// <param name="From">The caller (E.164 when possible, else the raw caller ID such as <c>anonymous</c>).</param>
/// <param name="To">The tenant's Twilio number that was called.</param>
/// <param name="CallStatus">Usually <c>ringing</c>.</param>
/// <param name="Parameters">Every parameter Twilio posted.</param>
internal sealed record InboundCallRequest(string CallSid, string From, string To, string? CallStatus, TwilioRequestParameters Parameters)
{
    /// <summary>Parses the answer webhook; <paramref name="errors"/> says what is wrong when it returns <see langword="null"/>.</summary>
    public static InboundCallRequest? Parse(TwilioRequestParameters parameters, out WebhookValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        errors = new WebhookValidationErrors();
        var callSid = errors.RequireCallSid(parameters, P.CallSid);
        var from = errors.Require(parameters, P.From);
        var to = errors.Require(parameters, P.To);
        return errors.IsValid
            ? new InboundCallRequest(callSid, from, to, parameters.GetNonEmpty(P.CallStatus), parameters)
            : null;
    }
}
