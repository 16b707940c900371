using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Twiml;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// Follows <c>&lt;Dial&gt;&lt;Number&gt;</c>: creates the child leg (<c>outbound-dial</c>, <c>ParentCallSid</c> = the
/// parent, caller ID = <c>callerId</c> or the parent's caller), reports it to the Number's status callback, lets it ring
/// and talk as the dialled number's scenario says, and records it as the Dial's <c>record</c> attribute says (the
/// recording belongs to the parent leg).
/// </summary>
internal static class DialRunner
{
    public static async Task<DialOutcome> RunAsync(CallSession session, SimulatedCallState parent, DialVerb dial, Uri? documentUrl)
    {
        foreach (var noun in dial.UnsupportedNouns)
        {
            Log.VerbSkipped(session.Runtime.Logger, parent.Sid, "Dial/" + noun);
        }

        // Several <Number>s ring at once in Twilio; the simulator dials the first.
        if (dial.Numbers.Count == 0)
        {
            return new DialOutcome(null, "failed", 0, null);
        }

        var number = dial.Numbers[0];
        var child = session.NewLeg(dial.CallerId ?? parent.From, number.PhoneNumber, "outbound-dial", parentCallSid: parent.Sid);
        var scenario = CallScenarios.For(number.PhoneNumber);
        var callbacks = new StatusCallbackChannel(
            session, child, CallSession.Resolve(number.StatusCallback, documentUrl), number.StatusCallbackMethod, number.StatusCallbackEvents, scenario);
        var recordingUrl = CallSession.Resolve(dial.RecordingStatusCallback, documentUrl);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(session.HangUp, child.HangUp.Token);
        try
        {
            var recording = dial.Records && dial.RecordsFromRinging ? await StartRecordingAsync(session, parent, dial, recordingUrl) : null;
            var ending = await Ringing.DialAsync(session, child, callbacks, scenario, dial.TimeoutSeconds, stop.Token);
            var talked = false;
            if (ending is null)
            {
                if (dial.Records && recording is null)
                {
                    recording = await StartRecordingAsync(session, parent, dial, recordingUrl);
                }

                var talk = scenario == CallScenario.HangUpAtOnce ? TimeSpan.Zero : session.Runtime.NextTalkTime();
                var limit = TimeSpan.FromSeconds(Math.Max(0, dial.TimeLimitSeconds));
                await session.WaitAsync(talk < limit ? talk : limit, stop.Token);
                var seconds = session.EndLeg(child, "completed");
                talked = seconds > 0;
                await callbacks.FireAsync("completed", "completed", seconds);
            }

            RecordingWebhookInfo? stopped = null;
            if (recording is not null)
            {
                var info = PendingRecording.Stop(session, recording, talked);
                session.Recordings.Add(new PendingRecording(
                    info, recordingUrl, dial.RecordingStatusCallbackMethod, dial.RecordingStatusCallbackEvents, scenario == CallScenario.DuplicateDelivery));
                stopped = info;
            }

            var snapshot = child.Snapshot(session.Now);
            return new DialOutcome(child.Sid, ending ?? "completed", snapshot.DurationSeconds ?? 0, stopped);
        }
        finally
        {
            child.MarkFinished();
        }
    }

    private static Task<RecordingWebhookInfo> StartRecordingAsync(CallSession session, SimulatedCallState parent, DialVerb dial, Uri? url) =>
        PendingRecording.StartAsync(
            session, parent.Sid, dial.RecordsDual ? 2 : 1, RecordingSources.DialVerb, url, dial.RecordingStatusCallbackMethod, dial.RecordingStatusCallbackEvents);
}
