using HttpMethod = Twilio.Http.HttpMethod;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Builds the TwiML that forwards an inbound call to the tenant's own phone, with the SDK's builders.</summary>
internal static class InboundTwiml
{
    private static readonly Number.EventEnum[] ChildLegEvents =
        [Number.EventEnum.Initiated, Number.EventEnum.Ringing, Number.EventEnum.Answered, Number.EventEnum.Completed];

    private static readonly Dial.RecordingEventEnum[] RecordingEvents =
        [Dial.RecordingEventEnum.Completed, Dial.RecordingEventEnum.Absent];

    /// <summary>
    /// <c>&lt;Say&gt;</c> the greeting, then <c>&lt;Dial&gt;</c> the forward-to number, recorded as configured, with the
    /// caller's own number as caller ID, and action, child-leg status and recording callbacks pointing at this library.
    /// </summary>
    public static string Forward(InboundCallRequest request, TwilioConfiguration configuration, TwilioCallTrackingOptions options, CallbackUrls urls)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);

        var response = new VoiceResponse();
        if (configuration.ForwardToNumber is not { Length: > 0 } forwardTo)
        {
            response.Say(options.UnavailableMessage);
            response.Hangup();
            return response.ToString();
        }

        response.Say(configuration.Greeting ?? options.DefaultGreeting);
        var recording = configuration.RecordingMode != RecordingMode.DoNotRecord;
        if (recording && configuration.RecordingNotice is { Length: > 0 } notice)
        {
            // Before the Dial: the caller hears it before anyone answers, and before the conversation is recorded.
            response.Say(notice);
        }

        var dial = new Dial(
            action: urls.DialAction,
            method: HttpMethod.Post,
            timeout: options.DialTimeoutSeconds,
            // An explicit callerId may only be the caller's number when it is a real number; otherwise Twilio's
            // default (the original caller) applies anyway.
            callerId: TwilioSids.IsE164(request.From) ? request.From : null,
            record: ToDialRecord(configuration.RecordingMode),
            recordingStatusCallback: recording ? urls.Recording() : null,
            recordingStatusCallbackMethod: recording ? HttpMethod.Post : null,
            recordingStatusCallbackEvent: recording ? RecordingEvents : null);
        dial.Number(
            new Twilio.Types.PhoneNumber(forwardTo),
            statusCallbackEvent: ChildLegEvents,
            statusCallback: urls.Status(),
            statusCallbackMethod: HttpMethod.Post);
        response.Append(dial);
        return response.ToString();
    }

    /// <summary>An empty <c>&lt;Response/&gt;</c>: Twilio hangs up (used after the Dial action).</summary>
    public static string Empty() => new VoiceResponse().ToString();

    /// <summary><c>&lt;Reject/&gt;</c>: for a number no tenant owns.</summary>
    public static string Reject() => new VoiceResponse().Reject().ToString();

    internal static Dial.RecordEnum ToDialRecord(RecordingMode mode) => mode switch
    {
        RecordingMode.DoNotRecord => Dial.RecordEnum.DoNotRecord,
        RecordingMode.RecordFromAnswer => Dial.RecordEnum.RecordFromAnswer,
        RecordingMode.RecordFromRinging => Dial.RecordEnum.RecordFromRinging,
        RecordingMode.RecordFromAnswerDual => Dial.RecordEnum.RecordFromAnswerDual,
        _ => Dial.RecordEnum.RecordFromRingingDual,
    };
}
