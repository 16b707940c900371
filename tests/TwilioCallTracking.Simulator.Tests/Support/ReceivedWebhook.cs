namespace TwilioCallTracking.Simulator.Tests.Support;

/// <summary>One webhook the receiver got, with the verdict of the Twilio SDK's own signature validator.</summary>
public sealed record ReceivedWebhook(
    string Method, string Path, string Url, IReadOnlyList<KeyValuePair<string, string>> Parameters, string? Signature, bool SignatureValid, string? Authorization)
{
    public string? this[string name] => Parameters.FirstOrDefault(p => p.Key == name).Value;

    public int Number(string name) => int.Parse(this[name]!, System.Globalization.CultureInfo.InvariantCulture);

    public bool Has(string name) => Parameters.Any(p => p.Key == name);
}
