namespace TwilioCallTracking;

/// <summary>Compares the stored state of two snapshots of one call.</summary>
internal static class CallState
{
    public static bool AreEqual(Call a, Call b) =>
        a.Id == b.Id
        && a.TenantId == b.TenantId
        && a.TwilioCallSid == b.TwilioCallSid
        && a.ParentCallSid == b.ParentCallSid
        && a.From == b.From
        && a.To == b.To
        && a.Direction == b.Direction
        && a.TwilioDirection == b.TwilioDirection
        && a.Status == b.Status
        && a.DurationSeconds == b.DurationSeconds
        && a.RecordingSid == b.RecordingSid
        && a.RecordingUrl == b.RecordingUrl
        && a.RecordingDurationSeconds == b.RecordingDurationSeconds
        && a.Price == b.Price
        && a.PriceUnit == b.PriceUnit
        && a.ContactId == b.ContactId
        && a.ContactAmbiguous == b.ContactAmbiguous
        && a.UserId == b.UserId
        && a.DialCallStatus == b.DialCallStatus
        && a.CreatedAt == b.CreatedAt
        && a.AnsweredAt == b.AnsweredAt
        && a.EndedAt == b.EndedAt
        && a.ErrorCode == b.ErrorCode
        && a.ErrorMessage == b.ErrorMessage;
}
