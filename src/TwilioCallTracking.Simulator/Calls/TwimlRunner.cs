using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Twiml;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// Follows a TwiML document on an answered leg, verb by verb, until it runs out, hangs up, or the call ends: Say and
/// Pause take their time, Dial places the child leg, the Dial action and Redirect fetch the next document.
/// </summary>
internal static class TwimlRunner
{
    private const int MaxDocuments = 20;

    public static async Task RunAsync(CallSession session, SimulatedCallState leg, TwimlDocument document, Uri? documentUrl)
    {
        var verbs = document.Verbs;
        var documents = 1;
        for (var i = 0; i < verbs.Count && !session.Ended; i++)
        {
            TwimlDocument? next = null;
            Uri? nextUrl = null;
            switch (verbs[i])
            {
                case HangupVerb or RejectVerb:
                    return;
                case RedirectVerb redirect:
                    nextUrl = CallSession.Resolve(redirect.Url, documentUrl);
                    next = nextUrl is null ? null : await FetchAsync(session, leg, WebhookKind.Twiml, nextUrl, redirect.Method, Voice(leg, "in-progress"));
                    if (next is null)
                    {
                        return;
                    }

                    break;
                case DialVerb dial:
                    var outcome = await DialRunner.RunAsync(session, leg, dial, documentUrl);
                    if (CallSession.Resolve(dial.Action, documentUrl) is not { } action)
                    {
                        break;
                    }

                    var parameters = TwilioWebhookPayloads.DialAction(
                        Info(leg), session.Ended ? "completed" : "in-progress", outcome.ChildSid, outcome.DialCallStatus, outcome.DurationSeconds, outcome.Recording);
                    next = await FetchAsync(session, leg, WebhookKind.DialAction, action, dial.Method, parameters);
                    if (next is null || session.Ended)
                    {
                        // Verbs after a Dial with an action are never reached; a caller who hung up gets no more TwiML.
                        return;
                    }

                    nextUrl = action;
                    break;
                default:
                    await PlayAsync(session, leg, verbs[i]);
                    break;
            }

            if (next is not null)
            {
                if (++documents > MaxDocuments)
                {
                    return;
                }

                verbs = next.Verbs;
                documentUrl = nextUrl;
                i = -1;
            }
        }
    }

    /// <summary>Requests TwiML and parses it; <see langword="null"/> (logged) when it cannot be used.</summary>
    public static async Task<TwimlDocument?> FetchAsync(
        CallSession session, SimulatedCallState leg, WebhookKind kind, Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var response = await session.SendAsync(kind, leg.Sid, url, method, parameters);
        var error = response.Error;
        var document = response.Succeeded ? TwimlDocument.Parse(response.Body, out error) : null;
        if (document is null)
        {
            Log.TwimlUnusable(session.Runtime.Logger, leg.Sid, url.AbsoluteUri, error ?? "no answer");
        }

        return document;
    }

    public static WebhookCallInfo Info(SimulatedCallState leg) =>
        new(leg.AccountSid, leg.Sid, leg.From, leg.To, leg.Direction) { ParentCallSid = leg.ParentCallSid };

    public static List<KeyValuePair<string, string>> Voice(SimulatedCallState leg, string status) => TwilioWebhookPayloads.Voice(Info(leg), status);

    private static async Task PlayAsync(CallSession session, SimulatedCallState leg, TwimlVerb verb)
    {
        switch (verb)
        {
            case SayVerb say:
                await session.WaitAsync(SpeakingTime(say.Text) * Loops(say.Loop));
                break;
            case PauseVerb pause:
                await session.WaitAsync(TimeSpan.FromSeconds(Math.Max(0, pause.LengthSeconds)));
                break;
            case PlayVerb play:
                await session.WaitAsync(TimeSpan.FromSeconds(3) * Loops(play.Loop));
                break;
            case GatherVerb gather:
                foreach (var nested in gather.Nested)
                {
                    await PlayAsync(session, leg, nested);
                }

                // Nobody presses a key: after the timeout Twilio goes on with the next verb.
                await session.WaitAsync(TimeSpan.FromSeconds(Math.Max(0, gather.TimeoutSeconds)));
                break;
            default:
                Log.VerbSkipped(session.Runtime.Logger, leg.Sid, verb.Name);
                break;
        }
    }

    /// <summary>About 150 words a minute, at least a second.</summary>
    private static TimeSpan SpeakingTime(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(words * 0.4)));
    }

    // loop="0" repeats until the call ends; ten rounds stand for that.
    private static int Loops(int loop) => loop <= 0 ? 10 : loop;
}
