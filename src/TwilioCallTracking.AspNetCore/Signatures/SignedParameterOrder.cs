using System.Buffers.Binary;
using TwilioCallTracking.AspNetCore.Webhooks;

namespace TwilioCallTracking.AspNetCore.Signatures;

/// <summary>
/// Sorts decoded form pairs into the order Twilio signs them: by name, then (for a repeated name such as
/// <c>StatusCallbackEvent</c>) by value, both compared ordinally as .NET strings are (UTF-16 code units), working on
/// the UTF-8 bytes without decoding them.
/// </summary>
internal static class SignedParameterOrder
{
    // Insertion sort over precomputed 8-byte keys is the fastest for the 20–40 pairs Twilio sends; larger bodies take
    // an O(n log n) sort so that a hostile body cannot cost quadratic time.
    private const int InsertionSortLimit = 64;

    public static void Sort(Span<FormEntry> entries, ReadOnlySpan<byte> buffer)
    {
        if (entries.Length < 2)
        {
            return;
        }

        if (entries.Length > InsertionSortLimit)
        {
            var copy = buffer.ToArray();
            entries.Sort((a, b) => Compare(a, b, copy));
            return;
        }

        Span<ulong> keys = stackalloc ulong[InsertionSortLimit];
        for (var i = 0; i < entries.Length; i++)
        {
            keys[i] = Key(entries[i].Name(buffer));
        }

        for (var i = 1; i < entries.Length; i++)
        {
            var entry = entries[i];
            var key = keys[i];
            var j = i - 1;
            while (j >= 0 && (keys[j] > key || (keys[j] == key && Compare(entries[j], entry, buffer) > 0)))
            {
                entries[j + 1] = entries[j];
                keys[j + 1] = keys[j];
                j--;
            }

            entries[j + 1] = entry;
            keys[j + 1] = key;
        }
    }

    /// <summary>Orders two pairs by name, then value, as <see cref="StringComparer.Ordinal"/> orders their strings.</summary>
    public static int Compare(FormEntry a, FormEntry b, ReadOnlySpan<byte> buffer)
    {
        var byName = Compare(a.Name(buffer), b.Name(buffer));
        return byName != 0 ? byName : Compare(a.Value(buffer), b.Value(buffer));
    }

    /// <summary>
    /// Compares UTF-8 strings in UTF-16 ordinal order. UTF-8 byte order is code point order, which agrees with UTF-16
    /// order except that U+E000–U+FFFF (lead bytes EE, EF) sort after supplementary characters (lead bytes F0–F4,
    /// surrogates D800–DFFF in UTF-16): <see cref="Rank"/> moves those two lead bytes past F4.
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        return common == a.Length || common == b.Length
            ? a.Length - b.Length
            : Rank(a[common]) - Rank(b[common]);
    }

    private static int Rank(byte value) => value is 0xEE or 0xEF ? value + 7 : value;

    // The first eight ranked bytes, big-endian, so that comparing keys compares prefixes; equal keys fall back to Compare.
    private static ulong Key(ReadOnlySpan<byte> name)
    {
        Span<byte> prefix = stackalloc byte[8];
        prefix.Clear();
        var length = Math.Min(8, name.Length);
        for (var i = 0; i < length; i++)
        {
            prefix[i] = (byte)Rank(name[i]);
        }

        return BinaryPrimitives.ReadUInt64BigEndian(prefix);
    }
}
