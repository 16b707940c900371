namespace TwilioCallTracking.Simulator.Diagnostics;

/// <summary>One REST request the simulator received.</summary>
/// <param name="ReceivedAt">When it arrived (the simulator's clock).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path under the simulator's base, e.g. <c>/2010-04-01/Accounts/AC…/Calls.json</c>.</param>
/// <param name="Query">The query string, with its <c>?</c>, or empty.</param>
/// <param name="Form">The form fields in the order sent (repeated names kept).</param>
/// <param name="AuthenticatedAccountSid">The account whose credentials were valid, or <see langword="null"/>.</param>
/// <param name="ResponseStatus">The HTTP status answered.</param>
public sealed record SimulatorApiRequestRecord(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    string? AuthenticatedAccountSid,
    int ResponseStatus)
{
    /// <summary>Every value of a form field.</summary>
    public IReadOnlyList<string> All(string name) => [.. Form.Where(p => p.Key == name).Select(p => p.Value)];

    /// <summary>The first value of a form field, or <see langword="null"/>.</summary>
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;
}
