using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>The opaque <c>cursor</c> of the call list: the position of the last call of a page, base64url-encoded.</summary>
internal static class CallListCursor
{
    public static string Encode(CallCursor cursor) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            $"{cursor.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{cursor.Id:N}"));

    public static bool TryDecode(string value, out CallCursor? cursor)
    {
        cursor = null;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value));
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0
                && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(text.AsSpan(dot + 1), "N", out var id))
            {
                cursor = new CallCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
