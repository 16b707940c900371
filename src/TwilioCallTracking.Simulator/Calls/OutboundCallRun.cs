using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Rest;
using TwilioCallTracking.Simulator.Twiml;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// Drives a call created through the REST API: queued, dialled (initiated, ringing), answered or not as the
/// <c>To</c> number's scenario says, its TwiML followed until the callee hangs up, then completed, recorded when
/// <c>Record=true</c>.
/// </summary>
internal static class OutboundCallRun
{
    public static async Task RunAsync(CallSession session, CreateCallRequest request)
    {
        var leg = session.Root;
        var scenario = CallScenarios.For(leg.To);
        var callbacks = new StatusCallbackChannel(
            session, leg, request.StatusCallback, request.StatusCallbackMethod, request.StatusCallbackEvents, scenario);
        if (!await session.WaitAsync(session.Options.QueueTime))
        {
            // Canceled while queued: no callback at all.
            session.EndLeg(leg, "canceled");
            return;
        }

        var ending = await Ringing.DialAsync(session, leg, callbacks, scenario, request.TimeoutSeconds, session.HangUp);
        if (ending is not null)
        {
            if (request.Record)
            {
                var absent = PendingRecording.Stop(session, await StartRecordingAsync(session, request), hasAudio: false);
                await RecordingOf(request, absent, scenario).SendAsync(session);
            }

            return;
        }

        var talk = scenario == CallScenario.HangUpAtOnce ? TimeSpan.Zero : session.Runtime.NextTalkTime();
        session.RemoteHangUpAt = session.Now + talk;
        var recording = request.Record ? await StartRecordingAsync(session, request) : null;
        var document = request.Twiml is { } inline
            ? ParseInline(session, leg, inline)
            : await TwimlRunner.FetchAsync(session, leg, WebhookKind.Twiml, request.Url!, request.Method, TwimlRunner.Voice(leg, "in-progress"));
        if (document is not null)
        {
            await TwimlRunner.RunAsync(session, leg, document, request.Url);
        }

        var seconds = session.EndLeg(leg, "completed");
        var stopped = recording is null ? null : PendingRecording.Stop(session, recording, hasAudio: seconds > 0);
        await callbacks.FireAsync("completed", "completed", seconds, RidingRecording(stopped));
        if (stopped is not null)
        {
            session.Recordings.Add(RecordingOf(request, stopped, scenario));
        }
    }

    private static TwimlDocument? ParseInline(CallSession session, SimulatedCallState leg, string twiml)
    {
        var document = TwimlDocument.Parse(twiml, out var error);
        if (document is null)
        {
            Log.TwimlUnusable(session.Runtime.Logger, leg.Sid, "(inline Twiml)", error ?? "unknown");
        }

        return document;
    }

    private static Task<RecordingWebhookInfo> StartRecordingAsync(CallSession session, CreateCallRequest request) =>
        PendingRecording.StartAsync(
            session, session.Root.Sid, request.RecordingChannels, RecordingSources.OutboundApi,
            request.RecordingStatusCallback, request.RecordingStatusCallbackMethod, request.RecordingStatusCallbackEvents);

    private static PendingRecording RecordingOf(CreateCallRequest request, RecordingWebhookInfo info, CallScenario scenario) =>
        new(info, request.RecordingStatusCallback, request.RecordingStatusCallbackMethod, request.RecordingStatusCallbackEvents, scenario == CallScenario.DuplicateDelivery);

    // Twilio adds the recording to the completed status callback when the call was recorded.
    private static KeyValuePair<string, string>[] RidingRecording(RecordingWebhookInfo? recording) =>
        recording is { Status: "completed", RecordingUrl: { } url }
            ?
            [
                new("RecordingUrl", url),
                new("RecordingSid", recording.RecordingSid),
                new("RecordingDuration", recording.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]
            : [];
}
