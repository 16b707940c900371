using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body decoded once into pooled memory: every pair in the order sent,
/// repeated names kept, names case-sensitive. <c>+</c> is a space, <c>%XX</c> a byte, a broken escape stays as written
/// (as ASP.NET Core's form reader does), empty pairs are skipped and a pair without <c>=</c> has an empty value. Bytes
/// that are not UTF-8 are replaced as a string would hold them (U+FFFD), so the bytes are exactly what the app sees.
/// The webhook filter checks the signature over it and hands the endpoint <see cref="ToParameters"/>. Dispose once.
/// </summary>
internal readonly struct DecodedForm : IDisposable
{
    private static readonly SearchValues<byte> SpecialBytes = SearchValues.Create("&=%+"u8);

    private readonly byte[] _bytes;
    private readonly FormEntry[] _entries;

    private DecodedForm(byte[] bytes, FormEntry[] entries, int count, int length)
    {
        _bytes = bytes;
        _entries = entries;
        Count = count;
        Length = length;
    }

    /// <summary>The number of pairs.</summary>
    public int Count { get; }

    /// <summary>The decoded bytes of all names and values together.</summary>
    public int Length { get; }

    /// <summary>The decoded names and values, which <see cref="Entries"/> point into.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

    /// <summary>The pairs, in the order sent.</summary>
    public ReadOnlySpan<FormEntry> Entries => _entries.AsSpan(0, Count);

    public static DecodedForm Decode(ReadOnlySpan<byte> body)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(body.Length);
        var entries = ArrayPool<FormEntry>.Shared.Rent(body.Count((byte)'&') + 1);
        var count = 0;
        var written = 0;
        var pairStart = 0;
        var nameLength = -1;
        // One pass: copy the plain runs between the bytes that mean something, and act on those.
        for (var i = 0; ;)
        {
            var special = body[i..].IndexOfAny(SpecialBytes);
            var plain = special < 0 ? body[i..] : body.Slice(i, special);
            plain.CopyTo(bytes.AsSpan(written));
            written += plain.Length;
            i += plain.Length;
            if (special < 0)
            {
                break;
            }

            switch (body[i++])
            {
                case (byte)'&':
                    AddPair(entries, ref count, pairStart, nameLength, written);
                    pairStart = written;
                    nameLength = -1;
                    break;
                case (byte)'=' when nameLength < 0:
                    nameLength = written - pairStart;
                    break;
                case (byte)'+':
                    bytes[written++] = (byte)' ';
                    break;
                case (byte)'%' when i + 1 < body.Length && HexValue(body[i]) is var high and >= 0 && HexValue(body[i + 1]) is var low and >= 0:
                    bytes[written++] = (byte)((high << 4) | low);
                    i += 2;
                    break;
                case var other:
                    // A second '=' belongs to the value; a broken escape stays as written.
                    bytes[written++] = other;
                    break;
            }
        }

        AddPair(entries, ref count, pairStart, nameLength, written);
        return Utf8.IsValid(bytes.AsSpan(0, written))
            ? new DecodedForm(bytes, entries, count, written)
            : Reencode(bytes, entries, count, written);
    }

    /// <summary>The pairs as the strings the endpoint reads.</summary>
    public TwilioRequestParameters ToParameters()
    {
        var pairs = new KeyValuePair<string, string>[Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new(Encoding.UTF8.GetString(_entries[i].Name(Bytes)), Encoding.UTF8.GetString(_entries[i].Value(Bytes)));
        }

        return new TwilioRequestParameters(pairs);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<FormEntry>.Shared.Return(_entries);
    }

    // An empty pair ("a=1&&b=2") is skipped; a pair without '=' has an empty value.
    private static void AddPair(FormEntry[] entries, ref int count, int start, int nameLength, int end)
    {
        if (end > start || nameLength >= 0)
        {
            entries[count++] = nameLength < 0
                ? new FormEntry(start, end - start, 0)
                : new FormEntry(start, nameLength, end - start - nameLength);
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    // Twilio sends UTF-8; anything else is signed (and stored) as the string the app would see. Rare: it may allocate.
    private static DecodedForm Reencode(byte[] bytes, FormEntry[] entries, int count, int length)
    {
        var target = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var nameLength = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[i].Name(bytes)), target.AsSpan(written));
            var valueLength = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[i].Value(bytes)), target.AsSpan(written + nameLength));
            entries[i] = new FormEntry(written, nameLength, valueLength);
            written += nameLength + valueLength;
        }

        ArrayPool<byte>.Shared.Return(bytes);
        return new DecodedForm(target, entries, count, written);
    }
}

/// <summary>One decoded <c>name=value</c> pair: the name's bytes then the value's, at <paramref name="Start"/> in the form's bytes.</summary>
internal readonly record struct FormEntry(int Start, int NameLength, int ValueLength)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> bytes) => bytes.Slice(Start, NameLength);

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> bytes) => bytes.Slice(Start + NameLength, ValueLength);

    /// <summary>The name immediately followed by its value: the piece of the signed string this pair contributes.</summary>
    public ReadOnlySpan<byte> NameAndValue(ReadOnlySpan<byte> bytes) => bytes.Slice(Start, NameLength + ValueLength);
}
