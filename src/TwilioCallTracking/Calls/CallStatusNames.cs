using System.Diagnostics.CodeAnalysis;

namespace TwilioCallTracking;

/// <summary>Converts <see cref="CallStatus"/> to and from Twilio's status strings.</summary>
public static class CallStatusNames
{
    private static readonly string[] Names =
        ["queued", "initiated", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"];

    /// <summary>Every status string Twilio sends, in lifecycle order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>Returns Twilio's string for <paramref name="status"/> (for example <c>in-progress</c>).</summary>
    public static string ToTwilioString(this CallStatus status) => Names[(int)status];

    /// <summary>Parses one of Twilio's status strings (case-insensitive). Unknown strings return <see langword="false"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out CallStatus status)
    {
        if (value is not null)
        {
            for (var i = 0; i < Names.Length; i++)
            {
                if (string.Equals(Names[i], value, StringComparison.OrdinalIgnoreCase))
                {
                    status = (CallStatus)i;
                    return true;
                }
            }
        }

        status = default;
        return false;
    }

    /// <summary>Parses one of Twilio's status strings, throwing <see cref="FormatException"/> for anything else.</summary>
    public static CallStatus Parse(string value) =>
        TryParse(value, out var status) ? status : throw new FormatException($"'{value}' is not a Twilio call status.");

    /// <summary>Whether <paramref name="status"/> ends the call (completed, busy, failed, no-answer, canceled).</summary>
    public static bool IsTerminal(this CallStatus status) => status >= CallStatus.Completed;
}
