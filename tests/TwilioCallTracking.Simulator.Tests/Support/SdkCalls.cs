using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace TwilioCallTracking.Simulator.Tests.Support;

/// <summary>Places calls through the real Twilio SDK, with callbacks to the harness's receiver.</summary>
public static class SdkCalls
{
    /// <summary>A guard against a hung test; never an assertion about how fast anything is.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public const string HoldTwiml = "<Response><Pause length=\"600\"/></Response>";

    /// <summary>Creates a call the way the core library does: inline TwiML, four status events, recorded, recording events completed + absent.</summary>
    public static Task<CallResource> CreateAsync(CallTrackingHarness harness, string to, Action<CreateCallOptions>? configure = null)
    {
        var options = new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(CallTrackingHarness.TwilioNumber))
        {
            Twiml = new Twilio.Types.Twiml(HoldTwiml),
            StatusCallback = harness.Receiver.Url("/status"),
            StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            Record = true,
            RecordingStatusCallback = harness.Receiver.Url("/recording").AbsoluteUri,
            RecordingStatusCallbackEvent = ["completed", "absent"],
        };
        configure?.Invoke(options);
        return CallResource.CreateAsync(options, harness.Client);
    }

    /// <summary>Creates a call and waits until the simulator sent its last callback.</summary>
    public static async Task<string> PlaceAsync(CallTrackingHarness harness, string to, Action<CreateCallOptions>? configure = null)
    {
        var call = await CreateAsync(harness, to, configure);
        await harness.Simulator.WaitForCallAsync(call.Sid).WaitAsync(Patience);
        return call.Sid;
    }

    /// <summary>Completes when the simulator has delivered a webhook matching <paramref name="match"/>.</summary>
    public static Task WebhookDelivered(TwilioSimulator simulator, Func<Diagnostics.SimulatorWebhookRecord, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        simulator.Log.WebhookRecorded += record =>
        {
            if (match(record))
            {
                done.TrySetResult();
            }
        };
        if (simulator.Log.Webhooks.Any(match))
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(Patience);
    }
}
