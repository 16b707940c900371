using Twilio.TwiML;
using Twilio.TwiML.Voice;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Builds the TwiML an outbound call runs once the contact answers, with the SDK's builders.</summary>
internal static class OutboundTwiml
{
    /// <summary>
    /// Connects the contact who answered to the tenant's own phone (the forward-to number), showing the tenant's Twilio
    /// number; without a forward-to number the contact hears the tenant's greeting. Recording is set on the REST call;
    /// when it is on, the tenant's recording notice comes first.
    /// </summary>
    public static string Connect(TwilioConfiguration configuration, TwilioCallTrackingOptions options, bool recorded)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var response = new VoiceResponse();
        if (recorded && configuration.RecordingNotice is { Length: > 0 } notice)
        {
            // The callee hears it as soon as they answer, before they are connected.
            response.Say(notice);
        }

        if (configuration.ForwardToNumber is { Length: > 0 } forwardTo)
        {
            var dial = new Dial(callerId: configuration.PhoneNumber, timeout: options.DialTimeoutSeconds);
            dial.Number(new Twilio.Types.PhoneNumber(forwardTo));
            response.Append(dial);
        }
        else
        {
            response.Say(configuration.Greeting ?? options.DefaultGreeting);
            response.Pause(length: 1);
        }

        return response.ToString();
    }
}
