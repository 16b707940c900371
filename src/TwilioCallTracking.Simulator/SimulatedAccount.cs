using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator;

/// <summary>A Twilio account the simulator accepts: its SID and auth token (HTTP Basic on every REST request) and its numbers.</summary>
public sealed class SimulatedAccount
{
    /// <summary>The account SID (<c>AC</c> + 32 hex digits).</summary>
    public required string Sid { get; init; }

    /// <summary>The auth token: the REST password, and the key of every webhook signature for this account.</summary>
    public required string AuthToken { get; init; }

    /// <summary>The account's name.</summary>
    public string FriendlyName { get; init; } = "Simulated account";

    /// <summary>
    /// The account's API keys: REST requests may authenticate with a key's SID and secret instead of the account SID and
    /// auth token (Twilio's recommended practice); webhooks are still signed with the auth token.
    /// </summary>
    public IDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The account's phone numbers: a call's <c>From</c> must be one of them, and inbound calls go to them.</summary>
    public IList<SimulatedPhoneNumber> PhoneNumbers { get; init; } = [];

    /// <summary>An account with a fresh SID and auth token and the given numbers.</summary>
    public static SimulatedAccount Create(params string[] phoneNumbers)
    {
        ArgumentNullException.ThrowIfNull(phoneNumbers);
        return new SimulatedAccount
        {
            Sid = TwilioSidGenerator.New("AC"),
            AuthToken = TwilioSidGenerator.NewAuthToken(),
            PhoneNumbers = [.. phoneNumbers.Select(n => new SimulatedPhoneNumber { PhoneNumber = n })],
        };
    }
}
