using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Twiml;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// Drives a call to one of the account's numbers: asks the answer URL for TwiML (<c>CallStatus=ringing</c>), rejects
/// or answers, follows the TwiML (the Dial to the forward-to phone above all), then reports the end to the number's
/// status callback.
/// </summary>
internal static class InboundCallRun
{
    /// <summary>How long the caller hears "an application error has occurred" when the TwiML cannot be used.</summary>
    private static readonly TimeSpan ApplicationErrorMessage = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(CallSession session, Uri answerUrl, string answerMethod, SimulatedPhoneNumber number)
    {
        var leg = session.Root;
        var callbacks = new StatusCallbackChannel(session, leg, number.StatusCallback, number.StatusCallbackMethod, ["completed"], CallScenario.Answer);
        leg.SetStatus("ringing", session.Now);
        var document = await TwimlRunner.FetchAsync(session, leg, WebhookKind.Answer, answerUrl, answerMethod, TwimlRunner.Voice(leg, "ringing"));
        if (document is { Verbs: [RejectVerb reject, ..] })
        {
            var status = reject.Reason == "busy" ? "busy" : "no-answer";
            session.EndLeg(leg, status);
            await callbacks.FireAsync("completed", status, 0);
            return;
        }

        leg.SetStatus("in-progress", session.Now);
        if (document is null)
        {
            await session.WaitAsync(ApplicationErrorMessage);
        }
        else
        {
            await TwimlRunner.RunAsync(session, leg, document, answerUrl);
        }

        var seconds = session.EndLeg(leg, "completed");
        await callbacks.FireAsync("completed", "completed", seconds);
    }
}
