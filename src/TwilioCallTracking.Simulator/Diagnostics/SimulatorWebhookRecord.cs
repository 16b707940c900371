namespace TwilioCallTracking.Simulator.Diagnostics;

/// <summary>One delivery attempt of a webhook the simulator sent.</summary>
/// <param name="SentAt">When it was sent (the simulator's clock).</param>
/// <param name="Kind">What it was for.</param>
/// <param name="CallSid">The call it was about.</param>
/// <param name="Url">The URL requested (for a GET, with the parameters in its query).</param>
/// <param name="Method"><c>POST</c> or <c>GET</c>.</param>
/// <param name="Parameters">The parameters, in the order sent.</param>
/// <param name="Signature">The <c>X-Twilio-Signature</c> sent.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry ….</param>
/// <param name="ResponseStatus">The HTTP status of the answer; <see langword="null"/> when none came.</param>
/// <param name="Error">Why no answer came, or why the answer was not usable.</param>
public sealed record SimulatorWebhookRecord(
    DateTimeOffset SentAt,
    WebhookKind Kind,
    string CallSid,
    string Url,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Signature,
    int Attempt,
    int? ResponseStatus,
    string? Error)
{
    /// <summary>The first value of a parameter, or <see langword="null"/>.</summary>
    public string? this[string name] => Parameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Whether the receiver answered with a 2xx status.</summary>
    public bool Succeeded => ResponseStatus is >= 200 and < 300;
}
