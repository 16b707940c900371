using System.Buffers;
using System.Text;

namespace TwilioCallTracking.AspNetCore.Webhooks;

/// <summary>One decoded <c>name=value</c> pair of a form body: offsets into the buffer it was decoded into.</summary>
/// <param name="NameStart">Where the name starts.</param>
/// <param name="NameLength">The name's length in UTF-8 bytes.</param>
/// <param name="ValueStart">Where the value starts.</param>
/// <param name="ValueLength">The value's length in UTF-8 bytes.</param>
/// <param name="ValueEscaped">Whether the value holds <c>%</c> or <c>+</c> (needs decoding), when known.</param>
internal readonly record struct FormEntry(int NameStart, int NameLength, int ValueStart, int ValueLength, bool ValueEscaped = true)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> buffer) => buffer.Slice(NameStart, NameLength);

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> buffer) => buffer.Slice(ValueStart, ValueLength);
}

/// <summary>
/// Decodes an <c>application/x-www-form-urlencoded</c> body into caller-provided buffers, keeping order and repeated
/// names, without creating strings: <c>+</c> is a space, <c>%XX</c> a byte, a broken escape stays as written (as
/// ASP.NET Core's form reader does), empty pairs are skipped and a pair without <c>=</c> has an empty value.
/// </summary>
internal static class FormUrlEncoding
{
    /// <summary>The bytes that end a plain (undecoded) name: <c>=</c>, or an escape that means it needs decoding.</summary>
    public static SearchValues<byte> NameStops { get; } = SearchValues.Create("=%+"u8);

    /// <summary>The most pairs <paramref name="body"/> can hold: one more than its <c>&amp;</c> count.</summary>
    public static int MaxEntries(ReadOnlySpan<byte> body) => body.Count((byte)'&') + 1;

    /// <summary>
    /// Decodes <paramref name="body"/> into <paramref name="decoded"/> (at least as long as the body) and
    /// <paramref name="entries"/> (at least <see cref="MaxEntries"/> long); returns the number of pairs and sets
    /// <paramref name="decodedLength"/>. The decoded bytes are what Twilio signed, provided they are valid UTF-8.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> body, Span<byte> decoded, Span<FormEntry> entries, out int decodedLength)
    {
        var count = 0;
        var written = 0;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            var nameStart = written;
            written += Unescape(name, decoded[written..]);
            var valueStart = written;
            written += Unescape(value, decoded[written..]);
            entries[count++] = new FormEntry(nameStart, valueStart - nameStart, valueStart, written - valueStart);
        }

        decodedLength = written;
        return count;
    }

    /// <summary>
    /// Rewrites decoded pairs that are not valid UTF-8 the way a string would hold them (U+FFFD for each bad
    /// sequence), into <paramref name="target"/>; returns the bytes written. <paramref name="target"/> must hold
    /// <see cref="Encoding.GetMaxByteCount"/> of the decoded length.
    /// </summary>
    public static int Normalize(ReadOnlySpan<byte> decoded, Span<FormEntry> entries, Span<byte> target)
    {
        var written = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var nameStart = written;
            written += Reencode(entry.Name(decoded), target[written..]);
            var valueStart = written;
            written += Reencode(entry.Value(decoded), target[written..]);
            entries[i] = new FormEntry(nameStart, valueStart - nameStart, valueStart, written - valueStart);
        }

        return written;
    }

    private static int Reencode(ReadOnlySpan<byte> bytes, Span<byte> target) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes), target);

    /// <summary>Decodes one name or value into <paramref name="target"/>; returns the bytes written (never more than the source's length).</summary>
    public static int Unescape(ReadOnlySpan<byte> source, Span<byte> target)
    {
        // Values are short (numbers, SIDs, city names): a plain loop beats searching for each escape.
        var written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < source.Length && HexValue(source[i + 1]) is var high and >= 0 && HexValue(source[i + 2]) is var low and >= 0)
            {
                b = (byte)((high << 4) | low);
                i += 2;
            }

            target[written++] = b;
        }

        return written;
    }

    /// <summary>The value of a hex digit, or -1.</summary>
    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
