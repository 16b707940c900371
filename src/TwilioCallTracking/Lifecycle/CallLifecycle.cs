namespace TwilioCallTracking;

/// <summary>
/// The rules that turn what Twilio reports into a call's next state. Pure: no I/O, no clock, no store.
/// </summary>
/// <remarks>
/// Twilio sends each callback as its own HTTP request, retries them, and does not promise their order. So:
/// <list type="bullet">
/// <item>status only moves forward (queued → initiated → ringing → in-progress → a terminal status);</item>
/// <item>the first terminal status wins: a late non-terminal callback, or a second terminal one, never overwrites it;</item>
/// <item>a late callback still fills in what the call is missing (answered-at, duration, recording), and is logged;</item>
/// <item>answered-at is set at the first in-progress; ended-at and duration at the terminal status.</item>
/// </list>
/// </remarks>
internal static class CallLifecycle
{
    /// <summary>The position of <paramref name="status"/> in the lifecycle; every terminal status shares the last rank.</summary>
    public static int Rank(CallStatus status) => status switch
    {
        CallStatus.Queued => 0,
        CallStatus.Initiated => 1,
        CallStatus.Ringing => 2,
        CallStatus.InProgress => 3,
        _ => 4,
    };

    /// <summary>Applies a status report to <paramref name="current"/>.</summary>
    /// <returns>The next state, and whether the report was late (its status was behind the call's).</returns>
    public static CallTransition ApplyStatus(Call current, StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(report);

        var next = current with { };
        if (next.TwilioDirection is null && report.TwilioDirection is not null)
        {
            // The first source that knows Twilio's direction also settles ours (a call stored from a recording had to guess).
            next.TwilioDirection = report.TwilioDirection;
            next.Direction = CallDirectionNames.FromTwilio(report.TwilioDirection);
        }

        next.ParentCallSid ??= report.ParentCallSid;
        next.From = next.From.Length == 0 && report.From is { } from ? from : next.From;
        next.To = next.To.Length == 0 && report.To is { } to ? to : next.To;
        if (report.Price is { } price)
        {
            next.Price ??= price;
            next.PriceUnit ??= report.PriceUnit;
        }

        if (report.Status is not { } status)
        {
            // A status Twilio has not documented: keep it as an event, change nothing.
            return new CallTransition(current, next, CallTransitionKind.Unrecognised);
        }

        var kind = Rank(status) > Rank(current.Status) ? CallTransitionKind.Advanced
            : Rank(status) == Rank(current.Status) ? CallTransitionKind.Same
            : CallTransitionKind.Late;

        if (current.Status.IsTerminal() && status.IsTerminal() && status != current.Status)
        {
            // The first terminal status wins; a different one arriving later is late news.
            kind = CallTransitionKind.Late;
        }

        if (kind == CallTransitionKind.Advanced)
        {
            next.Status = status;
        }

        if (status == CallStatus.InProgress)
        {
            next.AnsweredAt ??= report.At;
        }

        if (status.IsTerminal())
        {
            next.DurationSeconds ??= report.CallDurationSeconds ?? (status == CallStatus.Completed ? null : 0);
            if (kind == CallTransitionKind.Advanced || next.Status == status)
            {
                next.EndedAt ??= report.At;
            }

            if (status == CallStatus.Completed && next.AnsweredAt is null && report.CallDurationSeconds is { } seconds
                && next.EndedAt is { } ended)
            {
                // The in-progress callback was lost or is still on its way: the call was answered `seconds` before it ended.
                next.AnsweredAt = ended.AddSeconds(-seconds);
            }
        }

        if (status is CallStatus.Failed or CallStatus.Busy or CallStatus.NoAnswer && next.Status == status)
        {
            next.ErrorCode ??= report.ErrorCode;
            next.ErrorMessage ??= report.ErrorMessage;
        }

        if (report.Recording is { } recording)
        {
            ApplyRecordingTo(next, recording);
        }

        return new CallTransition(current, next, kind);
    }

    /// <summary>Applies a recording report to <paramref name="current"/>. Only a completed recording changes the call.</summary>
    public static CallTransition ApplyRecording(Call current, RecordingReport report)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(report);

        var next = current with { };
        ApplyRecordingTo(next, report);
        return new CallTransition(current, next, CallTransitionKind.Same);
    }

    /// <summary>
    /// Records that an outbound call failed before Twilio placed it (Twilio refused it or could not be reached).
    /// Has no effect on a call that already has a terminal status.
    /// </summary>
    public static CallTransition Fail(Call current, DateTimeOffset at, int? errorCode, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Status.IsTerminal())
        {
            return new CallTransition(current, current with { }, CallTransitionKind.Late);
        }

        var next = current with { };
        next.Status = CallStatus.Failed;
        next.EndedAt = at;
        next.DurationSeconds = 0;
        next.ErrorCode = errorCode;
        next.ErrorMessage = errorMessage;
        return new CallTransition(current, next, CallTransitionKind.Advanced);
    }

    private static void ApplyRecordingTo(Call call, RecordingReport report)
    {
        if (!report.IsCompleted || report.RecordingSid is null)
        {
            return;
        }

        // The first completed recording stays the call's recording; a repeat of the same one may add what was missing.
        if (call.RecordingSid is null || string.Equals(call.RecordingSid, report.RecordingSid, StringComparison.Ordinal))
        {
            call.RecordingSid = report.RecordingSid;
            call.RecordingUrl ??= report.RecordingUrl;
            call.RecordingDurationSeconds ??= report.DurationSeconds;
        }
    }
}
