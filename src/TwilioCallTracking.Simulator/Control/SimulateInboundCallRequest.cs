namespace TwilioCallTracking.Simulator.Control;

/// <summary>
/// The body of <c>POST {prefix}/simulator/inbound-calls</c> (JSON or form): somebody calls one of the simulated
/// accounts' numbers.
/// </summary>
public sealed record SimulateInboundCallRequest
{
    /// <summary>The caller, e.g. <c>+14155550123</c> (or a raw caller ID such as <c>anonymous</c>).</summary>
    public required string From { get; init; }

    /// <summary>The Twilio number called (it must belong to a simulated account).</summary>
    public required string To { get; init; }

    /// <summary>The answer webhook; leave empty to use the number's voice URL.</summary>
    public Uri? AnswerUrl { get; init; }
}
