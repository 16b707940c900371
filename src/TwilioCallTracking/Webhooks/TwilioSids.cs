using System.Text.RegularExpressions;

namespace TwilioCallTracking;

/// <summary>Checks the shape of Twilio identifiers and phone numbers.</summary>
public static partial class TwilioSids
{
    /// <summary>Whether <paramref name="value"/> is a call SID: <c>CA</c> followed by 32 hex digits.</summary>
    public static bool IsCallSid(string? value) => IsSid(value, "CA");

    /// <summary>Whether <paramref name="value"/> is a recording SID: <c>RE</c> followed by 32 hex digits.</summary>
    public static bool IsRecordingSid(string? value) => IsSid(value, "RE");

    /// <summary>Whether <paramref name="value"/> is an account SID: <c>AC</c> followed by 32 hex digits.</summary>
    public static bool IsAccountSid(string? value) => IsSid(value, "AC");

    /// <summary>Whether <paramref name="value"/> is an API key SID: <c>SK</c> followed by 32 hex digits.</summary>
    public static bool IsApiKeySid(string? value) => IsSid(value, "SK");

    /// <summary>Whether <paramref name="value"/> is an E.164 number: <c>+</c>, then 1–15 digits, the first not 0.</summary>
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    /// <summary>Whether <paramref name="value"/> is a SID of any kind: two capital letters, then 32 hex digits.</summary>
    internal static bool IsAnySid(string? value) =>
        value is { Length: 34 } && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]) && SidBody().IsMatch(value.AsSpan(2));

    private static bool IsSid(string? value, string prefix) =>
        value is { Length: 34 } && value.StartsWith(prefix, StringComparison.Ordinal) && SidBody().IsMatch(value.AsSpan(2));

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex SidBody();

    [GeneratedRegex(@"^\+[1-9][0-9]{0,14}$")]
    private static partial Regex E164();
}
