using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>A recording (or its absence) whose status callback is due once the call is over.</summary>
/// <param name="Info">What the callback reports.</param>
/// <param name="Url">Where it goes; <see langword="null"/> when no callback was asked for.</param>
/// <param name="Method"><c>POST</c> or <c>GET</c>.</param>
/// <param name="Events">The recording events asked for (in-progress, completed, absent).</param>
/// <param name="Duplicate">Whether it is delivered twice (the dialled number's scenario).</param>
internal sealed record PendingRecording(RecordingWebhookInfo Info, Uri? Url, string Method, IReadOnlyCollection<string> Events, bool Duplicate)
{
    /// <summary>Starts a recording of <paramref name="callSid"/> now: registers it and sends <c>in-progress</c> if asked.</summary>
    public static async Task<RecordingWebhookInfo> StartAsync(
        CallSession session, string callSid, int channels, string source, Uri? url, string method, IReadOnlyCollection<string> events)
    {
        var sid = TwilioSidGenerator.NewRecordingSid();
        var info = new RecordingWebhookInfo(session.Root.AccountSid, callSid, sid, "in-progress", session.Now)
        {
            Channels = channels,
            Source = source,
            RecordingUrl = new Uri(session.BaseUrl, $"2010-04-01/Accounts/{session.Root.AccountSid}/Recordings/{sid}").AbsoluteUri,
        };
        if (url is not null && events.Contains("in-progress"))
        {
            await session.SendAsync(
                WebhookKind.RecordingStatusCallback, callSid, url, method, TwilioWebhookPayloads.RecordingStatusCallback(info with { RecordingUrl = null }));
        }

        return info;
    }

    /// <summary>
    /// Stops a recording started at <see cref="RecordingWebhookInfo.StartTime"/>: with audio it becomes a completed
    /// recording whose media is served; without (never answered, or nothing said) it is absent.
    /// </summary>
    public static RecordingWebhookInfo Stop(CallSession session, RecordingWebhookInfo started, bool hasAudio)
    {
        if (!hasAudio)
        {
            return started with { Status = "absent", RecordingUrl = null, DurationSeconds = 0 };
        }

        var seconds = (int)Math.Round((session.Now - started.StartTime).TotalSeconds, MidpointRounding.AwayFromZero);
        var stopped = started with { Status = "completed", DurationSeconds = seconds };
        session.Runtime.Calls.Add(new SimulatedRecording
        {
            Sid = stopped.RecordingSid,
            AccountSid = stopped.AccountSid,
            CallSid = stopped.CallSid,
            Channels = stopped.Channels,
            DurationSeconds = seconds,
            StartTime = stopped.StartTime,
            Source = stopped.Source,
            Url = stopped.RecordingUrl!,
        });
        session.Runtime.Calls.Find(stopped.CallSid)?.AddRecording(stopped.RecordingSid);
        return stopped;
    }

    /// <summary>Sends the callback, if one was asked for this status.</summary>
    public async Task SendAsync(CallSession session)
    {
        if (Url is null || !Events.Contains(Info.Status))
        {
            return;
        }

        var parameters = TwilioWebhookPayloads.RecordingStatusCallback(Info);
        await session.SendAsync(WebhookKind.RecordingStatusCallback, Info.CallSid, Url, Method, parameters);
        if (Duplicate)
        {
            await session.SendAsync(WebhookKind.RecordingStatusCallback, Info.CallSid, Url, Method, parameters);
        }
    }
}
