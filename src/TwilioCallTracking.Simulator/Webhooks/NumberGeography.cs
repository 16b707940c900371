namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>Where a phone number is, as Twilio reports it in the geographic webhook fields (<c>FromCity</c>, <c>ToState</c>…).</summary>
/// <param name="Country">ISO country code, e.g. <c>US</c>; empty when unknown.</param>
/// <param name="State">State or province; empty when unknown.</param>
/// <param name="City">City in capitals, as Twilio writes it; empty when unknown.</param>
/// <param name="Zip">Postal code; empty when unknown.</param>
public sealed record NumberGeography(string Country, string State, string City, string Zip)
{
    private static readonly NumberGeography Unknown = new(string.Empty, string.Empty, string.Empty, string.Empty);

    // A few North American area codes, enough for realistic-looking payloads; others report the country only.
    private static readonly Dictionary<string, NumberGeography> AreaCodes = new(StringComparer.Ordinal)
    {
        ["212"] = new("US", "NY", "NEW YORK", "10001"),
        ["206"] = new("US", "WA", "SEATTLE", "98101"),
        ["305"] = new("US", "FL", "MIAMI", "33101"),
        ["312"] = new("US", "IL", "CHICAGO", "60601"),
        ["415"] = new("US", "CA", "SAN FRANCISCO", "94105"),
        ["512"] = new("US", "TX", "AUSTIN", "78701"),
        ["617"] = new("US", "MA", "BOSTON", "02108"),
        ["650"] = new("US", "CA", "SAN MATEO", "94401"),
        ["416"] = new("CA", "ON", "TORONTO", "M5H"),
    };

    private static readonly (string Prefix, string Country)[] CountryCodes =
    [
        ("+44", "GB"), ("+49", "DE"), ("+33", "FR"), ("+34", "ES"), ("+39", "IT"), ("+31", "NL"), ("+61", "AU"),
        ("+81", "JP"), ("+91", "IN"), ("+52", "MX"), ("+55", "BR"), ("+1", "US"),
    ];

    /// <summary>The geography of <paramref name="number"/>; empty fields for what is unknown (e.g. <c>anonymous</c>).</summary>
    public static NumberGeography Of(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length == 12 && number.StartsWith("+1", StringComparison.Ordinal))
        {
            if (AreaCodes.TryGetValue(number.Substring(2, 3), out var known))
            {
                return known;
            }

            // Toll-free and test numbers (800, 833, 877, 500…) have no city.
            return Unknown with { Country = "US" };
        }

        foreach (var (prefix, country) in CountryCodes)
        {
            if (number.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Unknown with { Country = country };
            }
        }

        return Unknown;
    }
}
