namespace TwilioCallTracking;

/// <summary>
/// Whether a call came into the tenant or was placed by it. Twilio's finer direction (<c>inbound</c>,
/// <c>outbound-api</c>, <c>outbound-dial</c>, …) is kept as is in <see cref="Call.TwilioDirection"/>.
/// </summary>
public enum CallDirection
{
    /// <summary><c>inbound</c>: somebody called one of the tenant's Twilio numbers.</summary>
    Inbound,

    /// <summary><c>outbound</c>: the call was placed by the CRM (REST) or by a <c>&lt;Dial&gt;</c> (a forwarded leg).</summary>
    Outbound,
}

/// <summary>Converts <see cref="CallDirection"/> to and from the stored strings and Twilio's raw directions.</summary>
public static class CallDirectionNames
{
    /// <summary>Twilio's direction of a call created through the REST API.</summary>
    public const string OutboundApi = "outbound-api";

    /// <summary>Twilio's direction of a call created by a <c>&lt;Dial&gt;</c> verb (a child leg).</summary>
    public const string OutboundDial = "outbound-dial";

    /// <summary>Twilio's direction of a call made to a Twilio number.</summary>
    public const string Inbound = "inbound";

    /// <summary>Returns <c>inbound</c> or <c>outbound</c>.</summary>
    public static string ToStorageString(this CallDirection direction) =>
        direction == CallDirection.Inbound ? "inbound" : "outbound";

    /// <summary>Parses <c>inbound</c> / <c>outbound</c> (case-insensitive).</summary>
    public static CallDirection Parse(string value) =>
        string.Equals(value, "inbound", StringComparison.OrdinalIgnoreCase) ? CallDirection.Inbound
        : string.Equals(value, "outbound", StringComparison.OrdinalIgnoreCase) ? CallDirection.Outbound
        : throw new FormatException($"'{value}' is not a call direction (inbound or outbound).");

    /// <summary>Maps Twilio's raw direction (<c>inbound</c>, <c>outbound-api</c>, <c>trunking-originating</c>, …) to ours.</summary>
    public static CallDirection FromTwilio(string? twilioDirection) =>
        twilioDirection is not null
        && (twilioDirection.Equals(Inbound, StringComparison.OrdinalIgnoreCase)
            || twilioDirection.Equals("trunking-originating", StringComparison.OrdinalIgnoreCase))
            ? CallDirection.Inbound
            : CallDirection.Outbound;
}
