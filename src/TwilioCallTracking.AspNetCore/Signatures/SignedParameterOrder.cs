using System.Buffers;
using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using TwilioCallTracking.AspNetCore.Webhooks;

namespace TwilioCallTracking.AspNetCore.Signatures;

/// <summary>
/// Sorts form pairs into the order Twilio signs them: by name, then (for a repeated name such as
/// <c>StatusCallbackEvent</c>) by value, both compared ordinally as .NET strings are (UTF-16 code units), working on
/// the UTF-8 bytes without decoding them.
/// </summary>
internal static class SignedParameterOrder
{
    private const int StackKeys = 48;
    private const int SmallRun = 16;

    [ThreadStatic]
    private static RememberedOrders? t_orders;

    /// <summary>
    /// Sorts <paramref name="entries"/> (offsets into <paramref name="buffer"/>) by name then value. Sorts by a 64-bit
    /// key made of each name's first eight bytes (a primitive sort, no comparer, no allocation), then orders the rare
    /// runs of equal keys with the full comparison. When every key differs, the keys alone decide the order, so the
    /// permutation is remembered for the next body with the same keys in the same order (Twilio posts each kind of
    /// webhook with the same names in the same order) and applied without sorting.
    /// </summary>
    /// <returns>Whether some names shared their first eight bytes (only then can a name be repeated).</returns>
    [SkipLocalsInit]
    public static bool Sort(Span<FormEntry> entries, ReadOnlySpan<byte> buffer)
    {
        if (entries.Length < 2)
        {
            return false;
        }

        if (entries.Length > StackKeys)
        {
            return SortLarge(entries, buffer);
        }

        Span<ulong> keys = stackalloc ulong[StackKeys];
        keys = keys[..entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            keys[i] = Key(buffer, entries[i]);
        }

        var orders = t_orders ??= new RememberedOrders();
        if (orders.TryApply(keys, entries))
        {
            return false;
        }

        Span<byte> order = stackalloc byte[StackKeys];
        order = order[..entries.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (byte)i;
        }

        Span<ulong> sortedKeys = stackalloc ulong[StackKeys];
        sortedKeys = sortedKeys[..entries.Length];
        keys.CopyTo(sortedKeys);
        sortedKeys.Sort(order);
        orders.Permute(entries, order);
        if (OrderRunsOfEqualKeys(sortedKeys, entries, buffer))
        {
            return true;
        }

        orders.Remember(keys, order);
        return false;
    }

    private static bool SortLarge(Span<FormEntry> entries, ReadOnlySpan<byte> buffer)
    {
        var rented = ArrayPool<ulong>.Shared.Rent(entries.Length);
        try
        {
            var keys = rented.AsSpan(0, entries.Length);
            for (var i = 0; i < entries.Length; i++)
            {
                keys[i] = Key(buffer, entries[i]);
            }

            keys.Sort(entries);
            return OrderRunsOfEqualKeys(keys, entries, buffer);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    private static bool OrderRunsOfEqualKeys(ReadOnlySpan<ulong> sortedKeys, Span<FormEntry> entries, ReadOnlySpan<byte> buffer)
    {
        var shared = false;
        for (var start = 0; start < entries.Length;)
        {
            var end = start + 1;
            while (end < entries.Length && sortedKeys[end] == sortedKeys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                shared = true;
                SortRun(entries[start..end], buffer);
            }

            start = end;
        }

        return shared;
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

    private static void SortRun(Span<FormEntry> run, ReadOnlySpan<byte> buffer)
    {
        if (run.Length > SmallRun)
        {
            // Many names sharing eight bytes never come from Twilio: a plain comparison sort keeps a hostile body at n log n.
            var copy = buffer.ToArray();
            run.Sort((a, b) => Compare(a, b, copy));
            return;
        }

        for (var i = 1; i < run.Length; i++)
        {
            var entry = run[i];
            var j = i - 1;
            while (j >= 0 && Compare(run[j], entry, buffer) > 0)
            {
                run[j + 1] = run[j];
                j--;
            }

            run[j + 1] = entry;
        }
    }

    private static int Rank(byte value) => value is 0xEE or 0xEF ? value + 7 : value;

    // The first eight ranked bytes of the name, big-endian and zero-padded, so that ordering keys orders names by
    // their prefix. A short name is read as eight bytes of the buffer with the bytes after it masked off.
    private static ulong Key(ReadOnlySpan<byte> buffer, FormEntry entry)
    {
        ulong key;
        if (entry.NameLength >= 8)
        {
            key = BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(entry.NameStart, 8));
        }
        else if (entry.NameStart + 8 <= buffer.Length)
        {
            key = entry.NameLength == 0 ? 0 : BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(entry.NameStart, 8)) & (ulong.MaxValue << (64 - (8 * entry.NameLength)));
        }
        else
        {
            key = 0;
            var name = entry.Name(buffer);
            for (var i = 0; i < name.Length; i++)
            {
                key |= (ulong)name[i] << (56 - (8 * i));
            }
        }

        if ((key & 0x8080808080808080UL) == 0)
        {
            return key;
        }

        var ranked = 0UL;
        for (var shift = 56; shift >= 0; shift -= 8)
        {
            ranked |= (ulong)(uint)Rank((byte)(key >> shift)) << shift;
        }

        return ranked;
    }

    /// <summary>The sorting permutations of the last few body shapes seen on this thread, replaced round-robin.</summary>
    private sealed class RememberedOrders
    {
        private const int Capacity = 8;
        private readonly ulong[]?[] _keys = new ulong[Capacity][];
        private readonly byte[]?[] _orders = new byte[Capacity][];
        private readonly FormEntry[] _scratch = new FormEntry[StackKeys];
        private int _next;

        public bool TryApply(ReadOnlySpan<ulong> keys, Span<FormEntry> entries)
        {
            for (var i = 0; i < Capacity; i++)
            {
                if (_keys[i] is { } remembered && remembered.AsSpan().SequenceEqual(keys))
                {
                    Permute(entries, _orders[i]);
                    return true;
                }
            }

            return false;
        }

        public void Permute(Span<FormEntry> entries, ReadOnlySpan<byte> order)
        {
            var copy = _scratch.AsSpan(0, entries.Length);
            entries.CopyTo(copy);
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = copy[order[i]];
            }
        }

        public void Remember(ReadOnlySpan<ulong> keys, ReadOnlySpan<byte> order)
        {
            _keys[_next] = keys.ToArray();
            _orders[_next] = order.ToArray();
            _next = (_next + 1) % Capacity;
        }
    }
}
