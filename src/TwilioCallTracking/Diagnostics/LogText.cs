using System.Globalization;
using System.Text;

namespace TwilioCallTracking;

/// <summary>
/// A string as it may appear in a log message. Every string parameter of the library's log messages has this type, so
/// any value from a request or from Twilio (numbers, SIDs, statuses, tenant ids from a query string, reasons) is made
/// safe in this one place, when — and only when — the message is written: control characters (CR, LF, tab, …), Unicode
/// line and paragraph separators and invisible format characters (bidirectional overrides, …) are written as escapes
/// (<c>\r</c>, <c>\n</c>, <c>\u2028</c>), so no value can break a log line or forge an entry; a value longer than
/// <see cref="MaxLength"/> characters is cut.
/// </summary>
/// <param name="value">The value, as received.</param>
internal readonly struct LogText(string? value)
{
    /// <summary>The longest value written whole; longer ones are cut, saying how much was left out.</summary>
    public const int MaxLength = 1024;

    public static implicit operator LogText(string? value) => new(value);

    /// <summary>The value made safe for a log line; <c>(null)</c> for <see langword="null"/>, as for any log parameter.</summary>
    public override string ToString() => Sanitize(value);

    /// <summary>Returns <paramref name="value"/> with every unsafe character escaped, cut after <see cref="MaxLength"/> characters.</summary>
    public static string Sanitize(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var length = Math.Min(value.Length, MaxLength);
        if (length > 0 && char.IsHighSurrogate(value[length - 1]) && length < value.Length)
        {
            length--;
        }

        var first = 0;
        while (first < length && !IsUnsafe(value[first]))
        {
            first++;
        }

        if (first == value.Length)
        {
            return value;
        }

        var text = new StringBuilder(length + 16);
        text.Append(value, 0, first);
        for (var i = first; i < length; i++)
        {
            var c = value[i];
            if (!IsUnsafe(c))
            {
                text.Append(c);
                continue;
            }

            text.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        if (length < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - length} characters)");
        }

        return text.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
