using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator;

/// <summary>
/// One of an account's Twilio numbers (an IncomingPhoneNumber): where Twilio asks what to do with an inbound call
/// (<see cref="VoiceUrl"/>) and where it reports the end of such calls (<see cref="StatusCallback"/>). The REST API
/// can change both, as the Twilio Console does.
/// </summary>
public sealed class SimulatedPhoneNumber
{
    /// <summary>The number in E.164.</summary>
    public required string PhoneNumber { get; init; }

    /// <summary>The number's SID (<c>PN…</c>).</summary>
    public string Sid { get; init; } = TwilioSidGenerator.New("PN");

    /// <summary>The number's name; defaults to the formatted number.</summary>
    public string? FriendlyName { get; set; }

    /// <summary>The answer webhook of inbound calls.</summary>
    public Uri? VoiceUrl { get; set; }

    /// <summary>How <see cref="VoiceUrl"/> is requested: <c>POST</c> (default) or <c>GET</c>.</summary>
    public string VoiceMethod { get; set; } = "POST";

    /// <summary>Where the end (<c>completed</c>) of each inbound call to the number is reported.</summary>
    public Uri? StatusCallback { get; set; }

    /// <summary>How <see cref="StatusCallback"/> is requested: <c>POST</c> (default) or <c>GET</c>.</summary>
    public string StatusCallbackMethod { get; set; } = "POST";

    /// <summary>Returns a copy.</summary>
    public SimulatedPhoneNumber Clone() => (SimulatedPhoneNumber)MemberwiseClone();
}
