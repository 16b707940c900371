using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> as Twilio computes it: the full URL Twilio requested, then every POST parameter
/// sorted by name (ordinal; a repeated name's values sorted too), each name followed by its value; HMAC-SHA1 keyed
/// with the account's auth token (UTF-8); Base64. The URL is tried with and without its port (Twilio drops the port
/// over HTTPS, keeps it over HTTP; its SDKs accept both). The comparison takes constant time.
/// </summary>
/// <remarks>
/// The signed string is built in one pooled buffer (key, URL, sorted pairs) and hashed once per URL form, so a valid
/// request allocates nothing.
/// </remarks>
public static class TwilioSignatureValidator
{
    /// <summary>The header Twilio puts the signature in.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The query parameter holding the SHA-256 of a JSON body.</summary>
    public const string BodyHashParameter = "bodySHA256";

    private const int HashSize = 20;
    private const int NoSecondForm = int.MinValue;

    /// <summary>Checks the signature of a form POST (<c>application/x-www-form-urlencoded</c>), as voice webhooks are.</summary>
    /// <param name="authToken">The auth token of the tenant the request was resolved to.</param>
    /// <param name="url">The URL Twilio requested.</param>
    /// <param name="formBody">The raw body, as received.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    public static TwilioSignatureResult ValidateFormPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> formBody, ReadOnlySpan<char> signature)
    {
        using var form = DecodedForm.Decode(formBody);
        return ValidateFormPost(authToken, url, form, signature);
    }

    /// <summary>Checks the signature of a form POST already decoded (by the webhook filter, which shares it with the endpoint).</summary>
    internal static TwilioSignatureResult ValidateFormPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, in DecodedForm form, ReadOnlySpan<char> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        if (DecodeSignature(signature, expected) is var decoded and not TwilioSignatureResult.Valid)
        {
            return decoded;
        }

        var sorted = ArrayPool<FormEntry>.Shared.Rent(form.Count);
        var keys = ArrayPool<ulong>.Shared.Rent(form.Count);
        var pairs = sorted.AsSpan(0, form.Count);
        form.Entries.CopyTo(pairs);
        Sort(pairs, keys.AsSpan(0, form.Count), form.Bytes);
        var valid = Verify(authToken, url, form.Bytes, pairs, expected[..HashSize]);
        ArrayPool<ulong>.Shared.Return(keys);
        ArrayPool<FormEntry>.Shared.Return(sorted);
        return valid ? TwilioSignatureResult.Valid : TwilioSignatureResult.Mismatch;
    }

    /// <summary>
    /// Checks the signature of a request with a JSON body: Twilio signs the URL alone, which carries the body's
    /// SHA-256 (lowercase hex) in the <c>bodySHA256</c> query parameter, and the body must hash to it.
    /// </summary>
    /// <param name="authToken">The auth token of the tenant the request was resolved to.</param>
    /// <param name="url">The URL Twilio requested, with its <c>bodySHA256</c> query parameter.</param>
    /// <param name="body">The raw body, as received.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    public static TwilioSignatureResult ValidateJsonPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> body, ReadOnlySpan<char> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        if (DecodeSignature(signature, expected) is var decoded and not TwilioSignatureResult.Valid)
        {
            return decoded;
        }

        if (!Verify(authToken, url, [], [], expected[..HashSize]))
        {
            return TwilioSignatureResult.Mismatch;
        }

        return BodyHashMatches(url.Query, body) ? TwilioSignatureResult.Valid : TwilioSignatureResult.BodyHashMismatch;
    }

    private static TwilioSignatureResult DecodeSignature(ReadOnlySpan<char> signature, Span<byte> destination)
    {
        signature = signature.Trim();
        if (signature.IsEmpty)
        {
            return TwilioSignatureResult.Missing;
        }

        return Convert.TryFromBase64Chars(signature, destination, out var written) && written == HashSize
            ? TwilioSignatureResult.Valid
            : TwilioSignatureResult.Malformed;
    }

    // One pooled buffer: [key][room for the URL][pairs]. The URL is written right before the pairs, so trying its
    // second form (with or without the port) rewrites the URL only.
    private static bool Verify(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> bytes, ReadOnlySpan<FormEntry> sortedPairs, ReadOnlySpan<byte> expected)
    {
        var pairsStart = Encoding.UTF8.GetMaxByteCount(authToken.Length) + url.MaxUtf8Length;
        var buffer = ArrayPool<byte>.Shared.Rent(pairsStart + bytes.Length);
        var key = buffer.AsSpan(0, Encoding.UTF8.GetBytes(authToken, buffer));
        var end = pairsStart;
        foreach (var pair in sortedPairs)
        {
            var piece = pair.NameAndValue(bytes);
            piece.CopyTo(buffer.AsSpan(end));
            end += piece.Length;
        }

        // Over HTTPS Twilio signs the URL without its port, over HTTP with it; its SDKs accept both forms. The likelier
        // form first, then the other (with the scheme's default port when the URL had none; a port-less URL of another
        // scheme has no second form).
        var https = string.Equals(url.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        var (first, second) = url.Port < 0 ? (-1, url.DefaultPort >= 0 ? url.DefaultPort : NoSecondForm)
            : https ? (-1, url.Port)
            : (url.Port, -1);
        var valid = Matches(key, url, first, buffer, pairsStart, end, expected)
            || (second != NoSecondForm && Matches(key, url, second, buffer, pairsStart, end, expected));
        CryptographicOperations.ZeroMemory(key);
        ArrayPool<byte>.Shared.Return(buffer);
        return valid;
    }

    private static bool Matches(ReadOnlySpan<byte> key, in TwilioRequestUrl url, int port, byte[] buffer, int pairsStart, int end, ReadOnlySpan<byte> expected)
    {
        // Written after the key, then moved up so that it ends where the pairs start.
        var length = url.WriteUtf8(buffer.AsSpan(key.Length), port);
        var start = pairsStart - length;
        buffer.AsSpan(key.Length, length).CopyTo(buffer.AsSpan(start));
        Span<byte> actual = stackalloc byte[HashSize];
#pragma warning disable CA5350 // HMAC-SHA1 is Twilio's signature protocol, not our choice.
        HMACSHA1.HashData(key, buffer.AsSpan(start..end), actual);
#pragma warning restore CA5350
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    // Twilio signs the pairs sorted by name, then (a repeated name) by value, compared as .NET compares strings
    // ordinally. Sorting numbers is much cheaper than sorting with a comparison: the pairs are sorted by a key made of
    // their name's first eight bytes, then each run of equal keys (names sharing eight bytes) by the full comparison.
    private static void Sort(Span<FormEntry> pairs, Span<ulong> keys, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < pairs.Length; i++)
        {
            var name = pairs[i].Name(bytes);
            var key = 0UL;
            if (name.Length >= 8 && BinaryPrimitives.ReadUInt64BigEndian(name) is var prefix && (prefix & 0x8080808080808080UL) == 0)
            {
                // Eight ASCII bytes (most of Twilio's names): they rank as they are.
                key = prefix;
            }
            else
            {
                for (var j = 0; j < 8 && j < name.Length; j++)
                {
                    key |= (ulong)Rank(name[j]) << (56 - (8 * j));
                }
            }

            keys[i] = key;
        }

        keys.Sort(pairs);
        for (var start = 0; start < pairs.Length;)
        {
            var end = start + 1;
            while (end < pairs.Length && keys[end] == keys[start])
            {
                end++;
            }

            SortTies(pairs[start..end], bytes);
            start = end;
        }
    }

    private static void SortTies(Span<FormEntry> run, ReadOnlySpan<byte> bytes)
    {
        if (run.Length > 16)
        {
            // Many names sharing eight bytes never come from Twilio: a comparison sort keeps a hostile body at n log n.
            var copy = bytes.ToArray();
            run.Sort((a, b) => Compare(a, b, copy));
            return;
        }

        for (var i = 1; i < run.Length; i++)
        {
            var pair = run[i];
            var j = i - 1;
            for (; j >= 0 && Compare(run[j], pair, bytes) > 0; j--)
            {
                run[j + 1] = run[j];
            }

            run[j + 1] = pair;
        }
    }

    private static int Compare(FormEntry a, FormEntry b, ReadOnlySpan<byte> bytes) =>
        Compare(a.Name(bytes), b.Name(bytes)) is var byName and not 0 ? byName : Compare(a.Value(bytes), b.Value(bytes));

    // UTF-8 byte order is code point order, which agrees with UTF-16 order except that U+E000–U+FFFF (lead bytes EE,
    // EF) sort after supplementary characters (lead bytes F0–F4; surrogates D800–DFFF in UTF-16): rank EE and EF past F4.
    private static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        return common == a.Length || common == b.Length ? a.Length - b.Length : Rank(a[common]) - Rank(b[common]);
    }

    private static int Rank(byte value) => value is 0xEE or 0xEF ? value + 7 : value;

    private static bool BodyHashMatches(ReadOnlySpan<char> query, ReadOnlySpan<byte> body)
    {
        if (!TryGetQueryValue(query, BodyHashParameter, out var sent))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        return sent.Length == hex.Length
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(hex), MemoryMarshal.AsBytes(sent));
    }

    private static bool TryGetQueryValue(ReadOnlySpan<char> query, ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        query = query.TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].SequenceEqual(name))
            {
                value = pair[(equals + 1)..];
                return true;
            }
        }

        value = default;
        return false;
    }
}
