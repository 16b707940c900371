using Twilio.TwiML;
using Twilio.TwiML.Voice;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Builds the TwiML an outbound call runs once the contact answers, with the SDK's builders.</summary>
internal static class OutboundTwiml
{
    /// <summary>
    /// Connects the contact who answered to the tenant's own phone (the forward-to number), showing the tenant's Twilio
    /// number; without a forward-to number the contact hears the tenant's greeting. Recording is set on the REST call.
    /// </summary>
    public static string Connect(TwilioConfiguration configuration, TwilioCallTrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var response = new VoiceResponse();
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
