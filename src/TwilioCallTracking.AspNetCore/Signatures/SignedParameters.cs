using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using TwilioCallTracking.AspNetCore.Webhooks;

namespace TwilioCallTracking.AspNetCore.Signatures;

/// <summary>
/// Writes a form body's parameters the way Twilio signs them: sorted by name (then value), each name immediately
/// followed by its value, decoded, UTF-8. Twilio's parameter names never need decoding and never repeat in a voice
/// webhook, so the usual path sorts the raw pairs and decodes each value once, straight into place; any other body
/// takes the general path (decode everything, sort, copy).
/// </summary>
internal static class SignedParameters
{
    /// <summary>The most bytes <see cref="Write"/> writes for <paramref name="body"/> (bytes that are not UTF-8 grow to U+FFFD).</summary>
    public static int MaxLength(ReadOnlySpan<byte> body) => Encoding.UTF8.GetMaxByteCount(body.Length);

    /// <summary>Writes the signed parameters of <paramref name="body"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // Not returned to the pool when something throws (the pool does not need it): no try region around the hot path.
        var entryArray = ArrayPool<FormEntry>.Shared.Rent(FormUrlEncoding.MaxEntries(body));
        var written = TryWritePlain(body, entryArray, destination);
        if (written < 0)
        {
            written = WriteDecoded(body, entryArray, destination);
        }

        ArrayPool<FormEntry>.Shared.Return(entryArray);
        return written;
    }

    // -1 when the body needs the general path: a name with an escape, a repeated name, or bytes that are not UTF-8.
    private static int TryWritePlain(ReadOnlySpan<byte> body, FormEntry[] entryArray, Span<byte> destination)
    {
        var count = Split(body, entryArray);
        if (count < 0)
        {
            return -1;
        }

        var entries = entryArray.AsSpan(0, count);
        if (SignedParameterOrder.Sort(entries, body) && HasRepeatedName(entries, body))
        {
            // A repeated name's values are signed in the order of their decoded bytes.
            return -1;
        }

        var written = 0;
        foreach (var entry in entries)
        {
            written += Copy(body, entry.NameStart, entry.NameLength, destination, written);
            written += entry.ValueEscaped
                ? Unescape(body, entry.ValueStart, entry.ValueLength, destination, written)
                : Copy(body, entry.ValueStart, entry.ValueLength, destination, written);
        }

        return Utf8.IsValid(destination[..written]) ? written : -1;
    }

    // Names and most values are at most 16 bytes: one vector load and store (the bytes after the copy are junk that
    // the next copy overwrites, or that lie past the signed bytes) beats a call to memmove.
    private static int Copy(ReadOnlySpan<byte> body, int start, int length, Span<byte> destination, int at)
    {
        if (length <= 16 && start + 16 <= body.Length && at + 16 <= destination.Length)
        {
            Vector128.Create(body.Slice(start, 16)).CopyTo(destination.Slice(at, 16));
        }
        else
        {
            body.Slice(start, length).CopyTo(destination[at..]);
        }

        return length;
    }

    // Decodes a value 16 bytes at a time: '+' becomes a space in the vector, and only a '%' stops to decode its escape.
    private static int Unescape(ReadOnlySpan<byte> body, int start, int length, Span<byte> destination, int at)
    {
        var end = start + length;
        var i = start;
        var w = at;
        while (i < end)
        {
            if (i + 16 <= body.Length && w + 16 <= destination.Length)
            {
                var chunk = Vector128.Create(body.Slice(i, 16));
                Vector128.ConditionalSelect(Vector128.Equals(chunk, Vector128.Create((byte)'+')), Vector128.Create((byte)' '), chunk)
                    .CopyTo(destination.Slice(w, 16));
                var percents = Vector128.Equals(chunk, Vector128.Create((byte)'%')).ExtractMostSignificantBits();
                var plain = Math.Min(percents == 0 ? 16 : BitOperations.TrailingZeroCount(percents), end - i);
                i += plain;
                w += plain;
                if (i >= end || body[i] != (byte)'%')
                {
                    continue;
                }
            }
            else if (body[i] != (byte)'%')
            {
                destination[w++] = body[i] == (byte)'+' ? (byte)' ' : body[i];
                i++;
                continue;
            }

            if (i + 2 < end && FormUrlEncoding.HexValue(body[i + 1]) is var high and >= 0 && FormUrlEncoding.HexValue(body[i + 2]) is var low and >= 0)
            {
                destination[w++] = (byte)((high << 4) | low);
                i += 3;
            }
            else
            {
                destination[w++] = (byte)'%';
                i++;
            }
        }

        return w - at;
    }

    // Cuts the body into raw pairs in one vectorized pass over the positions of '&', '=', '%' and '+'; -1 when a
    // name holds an escape (it would sort by its decoded bytes).
    private static int Split(ReadOnlySpan<byte> body, Span<FormEntry> entries)
    {
        var count = 0;
        var pairStart = 0;
        var equals = -1;
        var escaped = false;
        for (var chunk = 0; chunk < body.Length;)
        {
            // 32 bytes at a time where the CPU has 256-bit vectors, then 16, then the tail byte by byte.
            int width;
            uint mask;
            if (Vector256.IsHardwareAccelerated && chunk + 32 <= body.Length)
            {
                (width, mask) = (32, SpecialBytes(Vector256.Create(body.Slice(chunk, 32))));
            }
            else if (chunk + 16 <= body.Length)
            {
                (width, mask) = (16, SpecialBytes(Vector128.Create(body.Slice(chunk, 16))));
            }
            else
            {
                (width, mask) = (body.Length - chunk, SpecialBytes(body[chunk..]));
            }

            while (mask != 0)
            {
                var position = chunk + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                switch (body[position])
                {
                    case (byte)'&':
                        AddPair(entries, ref count, pairStart, position, equals, escaped);
                        pairStart = position + 1;
                        equals = -1;
                        escaped = false;
                        break;
                    case (byte)'=':
                        equals = equals < 0 ? position : equals;
                        break;
                    default:
                        if (equals < 0)
                        {
                            return -1;
                        }

                        escaped = true;
                        break;
                }
            }

            chunk += width;
        }

        AddPair(entries, ref count, pairStart, body.Length, equals, escaped);
        return count;
    }

    private static void AddPair(Span<FormEntry> entries, ref int count, int start, int end, int equals, bool escaped)
    {
        if (end > start)
        {
            entries[count++] = equals < 0
                ? new FormEntry(start, end - start, end, 0, false)
                : new FormEntry(start, equals - start, equals + 1, end - equals - 1, escaped);
        }
    }

    private static uint SpecialBytes(Vector256<byte> bytes) =>
        (Vector256.Equals(bytes, Vector256.Create((byte)'&')) | Vector256.Equals(bytes, Vector256.Create((byte)'='))
        | Vector256.Equals(bytes, Vector256.Create((byte)'%')) | Vector256.Equals(bytes, Vector256.Create((byte)'+'))).ExtractMostSignificantBits();

    private static uint SpecialBytes(Vector128<byte> bytes) =>
        (Vector128.Equals(bytes, Vector128.Create((byte)'&')) | Vector128.Equals(bytes, Vector128.Create((byte)'='))
        | Vector128.Equals(bytes, Vector128.Create((byte)'%')) | Vector128.Equals(bytes, Vector128.Create((byte)'+'))).ExtractMostSignificantBits();

    private static uint SpecialBytes(ReadOnlySpan<byte> tail)
    {
        var mask = 0u;
        for (var i = 0; i < tail.Length; i++)
        {
            if (tail[i] is (byte)'&' or (byte)'=' or (byte)'%' or (byte)'+')
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    private static bool HasRepeatedName(ReadOnlySpan<FormEntry> sorted, ReadOnlySpan<byte> body)
    {
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Name(body).SequenceEqual(sorted[i].Name(body)))
            {
                return true;
            }
        }

        return false;
    }

    private static int WriteDecoded(ReadOnlySpan<byte> body, FormEntry[] entryArray, Span<byte> destination)
    {
        var decodedArray = ArrayPool<byte>.Shared.Rent(body.Length);
        byte[]? normalizedArray = null;
        try
        {
            var count = FormUrlEncoding.Decode(body, decodedArray, entryArray, out var decodedLength);
            var entries = entryArray.AsSpan(0, count);
            ReadOnlySpan<byte> parameters = decodedArray.AsSpan(0, decodedLength);
            if (!Utf8.IsValid(parameters))
            {
                // Twilio sends UTF-8; anything else is signed (and stored) as the string the app would see.
                normalizedArray = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(decodedLength));
                parameters = normalizedArray.AsSpan(0, FormUrlEncoding.Normalize(parameters, entries, normalizedArray));
            }

            SignedParameterOrder.Sort(entries, parameters);
            var written = 0;
            foreach (var entry in entries)
            {
                entry.Name(parameters).CopyTo(destination[written..]);
                written += entry.NameLength;
                entry.Value(parameters).CopyTo(destination[written..]);
                written += entry.ValueLength;
            }

            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decodedArray);
            if (normalizedArray is not null)
            {
                ArrayPool<byte>.Shared.Return(normalizedArray);
            }
        }
    }
}
