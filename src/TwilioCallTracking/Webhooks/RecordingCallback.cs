using TwilioCallTracking;
using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking;

/// <summary>A recording status callback, parsed and validated. <c>CallSid</c> is the parent leg for a Dial recording.</summary>
/// <param name="CallSid">The call the recording belongs to.</param>
/// <param name="Report">What the callback says about the recording.</param>
/// <param name="Parameters">Every parameter Twilio posted.</param>
internal sealed record RecordingCallback(string CallSid, RecordingReport Report, TwilioRequestParameters Parameters)
{
    private static readonly string[] KnownStatuses = ["in-progress", "completed", "absent", "failed"];

    /// <summary>Parses a recording callback; <paramref name="errors"/> says what is wrong when it returns <see langword="null"/>.</summary>
    public static RecordingCallback? Parse(TwilioRequestParameters parameters, out WebhookValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        errors = new WebhookValidationErrors();
        var callSid = errors.RequireCallSid(parameters, P.CallSid);
        var status = parameters.GetNonEmpty(P.RecordingStatus) ?? "completed";
        if (!KnownStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(P.RecordingStatus, $"'{status}' is not a recording status (in-progress, completed, absent).");
        }

        var recordingSid = parameters.GetNonEmpty(P.RecordingSid);
        if (recordingSid is not null && !TwilioSids.IsRecordingSid(recordingSid))
        {
            errors.Add(P.RecordingSid, "The 'RecordingSid' parameter must be a Twilio recording SID ('RE' followed by 32 hex digits).");
        }

        var url = parameters.GetNonEmpty(P.RecordingUrl);
        if (string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase))
        {
            if (recordingSid is null)
            {
                errors.Add(P.RecordingSid, "A completed recording callback needs 'RecordingSid'.");
            }

            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add(P.RecordingUrl, "A completed recording callback needs an absolute http(s) 'RecordingUrl'.");
            }
        }

        if (!errors.IsValid)
        {
            return null;
        }

        var report = new RecordingReport
        {
            Status = status.ToLowerInvariant(),
            RecordingSid = recordingSid,
            RecordingUrl = url,
            DurationSeconds = parameters.GetInt32(P.RecordingDuration),
        };
        return new RecordingCallback(callSid, report, parameters);
    }

    /// <summary>The key that identifies this delivery.</summary>
    public string DeduplicationKey => DeduplicationKeys.ForRecording(CallSid, Report.RecordingSid, Report.Status);
}
