namespace TwilioCallTracking;

/// <summary>Converts <see cref="RecordingMode"/> to and from Twilio's <c>&lt;Dial record&gt;</c> strings (for storage and APIs).</summary>
public static class RecordingModeNames
{
    private static readonly string[] Names =
        ["do-not-record", "record-from-answer", "record-from-ringing", "record-from-answer-dual", "record-from-ringing-dual"];

    /// <summary>Returns Twilio's string for <paramref name="mode"/> (for example <c>record-from-ringing-dual</c>).</summary>
    public static string ToTwilioString(this RecordingMode mode) =>
        (uint)mode < (uint)Names.Length ? Names[(int)mode] : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a recording mode.");

    /// <summary>Parses one of Twilio's <c>record</c> strings (case-insensitive), throwing <see cref="FormatException"/> for anything else.</summary>
    public static RecordingMode Parse(string value)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return (RecordingMode)i;
            }
        }

        throw new FormatException($"'{value}' is not a Twilio recording mode ({string.Join(", ", Names)}).");
    }
}
