namespace TwilioCallTracking;

/// <summary>The names of the request parameters Twilio posts to voice webhooks that this library reads.</summary>
internal static class TwilioParameterNames
{
#pragma warning disable CS1591 // The names are Twilio's own and documented by Twilio.
    public const string CallSid = "CallSid";
    public const string AccountSid = "AccountSid";
    public const string ParentCallSid = "ParentCallSid";
    public const string From = "From";
    public const string To = "To";
    public const string Caller = "Caller";
    public const string Called = "Called";
    public const string CallStatus = "CallStatus";
    public const string Direction = "Direction";
    public const string CallDuration = "CallDuration";
    public const string Timestamp = "Timestamp";
    public const string SequenceNumber = "SequenceNumber";
    public const string ErrorCode = "ErrorCode";
    public const string ErrorMessage = "ErrorMessage";
    public const string RecordingSid = "RecordingSid";
    public const string RecordingUrl = "RecordingUrl";
    public const string RecordingStatus = "RecordingStatus";
    public const string RecordingDuration = "RecordingDuration";
    public const string DialCallStatus = "DialCallStatus";
    public const string DialCallSid = "DialCallSid";
    public const string DialCallDuration = "DialCallDuration";
#pragma warning restore CS1591
}
