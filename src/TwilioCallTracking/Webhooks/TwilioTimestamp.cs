using System.Globalization;

namespace TwilioCallTracking;

/// <summary>Parses the RFC 2822 <c>Timestamp</c> Twilio puts on status callbacks (e.g. <c>Tue, 24 Nov 2026 15:55:43 +0000</c>).</summary>
internal static class TwilioTimestamp
{
    private static readonly string[] Formats =
        ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss 'GMT'"];

    /// <summary>Parses <paramref name="value"/>; <see langword="null"/> when absent or not RFC 2822.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();

        // RFC 2822 writes the offset as +hhmm; .NET's zzz wants +hh:mm.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }
}
