using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// A call as the call API returns it. Twilio's recording URL is left out on purpose (its media may be reachable without
/// credentials): <see cref="HasRecording"/> and <see cref="RecordingSid"/> say whether there is one. Neither it nor the
/// account SID appears anywhere in the response (<see cref="CallPayloadRedaction"/>).
/// </summary>
/// <param name="Id">The call's id.</param>
/// <param name="CallSid">Twilio's call SID, once known.</param>
/// <param name="ParentCallSid">The parent call, for a forwarded leg.</param>
/// <param name="From">The caller.</param>
/// <param name="To">The callee.</param>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="TwilioDirection">Twilio's direction: <c>inbound</c>, <c>outbound-api</c>, <c>outbound-dial</c>, ….</param>
/// <param name="Status">Twilio's status string: <c>queued</c>, <c>ringing</c>, <c>in-progress</c>, <c>completed</c>, ….</param>
/// <param name="DurationSeconds">How long the call lasted, once it ended.</param>
/// <param name="HasRecording">Whether the call has a recording.</param>
/// <param name="RecordingSid">The recording's SID.</param>
/// <param name="RecordingDurationSeconds">The recording's length.</param>
/// <param name="Price">What Twilio charged (negative), once known.</param>
/// <param name="PriceUnit">The price's currency.</param>
/// <param name="ContactId">The CRM contact.</param>
/// <param name="UserId">The CRM user who started the call.</param>
/// <param name="DialCallStatus">For a forwarded inbound call: how the forwarded leg ended.</param>
/// <param name="CreatedAt">When the call was first recorded.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="ErrorCode">Twilio's error code when it failed.</param>
/// <param name="ErrorMessage">Why it failed (account SIDs and Twilio URLs in it redacted by <see cref="CallPayloadRedaction"/>).</param>
public sealed record CallResponse(
    Guid Id, string? CallSid, string? ParentCallSid, string From, string To, string Direction, string? TwilioDirection, string Status,
    int? DurationSeconds, bool HasRecording, string? RecordingSid, int? RecordingDurationSeconds, decimal? Price, string? PriceUnit,
    Guid? ContactId, string? UserId, string? DialCallStatus, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt,
    int? ErrorCode, string? ErrorMessage)
{
    /// <summary>The API's view of <paramref name="call"/>.</summary>
    public static CallResponse Create(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallResponse(
            call.Id, call.TwilioCallSid, call.ParentCallSid, call.From, call.To, call.Direction.ToStorageString(), call.TwilioDirection,
            call.Status.ToTwilioString(), call.DurationSeconds, call.RecordingSid is not null, call.RecordingSid, call.RecordingDurationSeconds,
            call.Price, call.PriceUnit, call.ContactId, call.UserId, call.DialCallStatus, call.CreatedAt, call.AnsweredAt, call.EndedAt,
            call.ErrorCode, CallPayloadRedaction.RedactText(call.ErrorMessage));
    }
}
