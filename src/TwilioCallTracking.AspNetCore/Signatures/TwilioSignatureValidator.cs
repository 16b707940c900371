using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using TwilioCallTracking.AspNetCore.Webhooks;

namespace TwilioCallTracking.AspNetCore.Signatures;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> as Twilio computes it: the full URL Twilio requested, then every POST parameter
/// sorted by name (ordinal; a repeated name's values sorted too), each name followed by its value; HMAC-SHA1 keyed
/// with the account's auth token (UTF-8); Base64. The URL is tried with and without its port (Twilio drops the port
/// over HTTPS, keeps it over HTTP; its SDKs accept both). The comparison takes constant time.
/// </summary>
/// <remarks>
/// Works on the raw body: it decodes the pairs into pooled buffers and sorts them in place, so a valid request costs
/// one HMAC plus a pass over the body, and allocates nothing.
/// </remarks>
public static class TwilioSignatureValidator
{
    /// <summary>The header Twilio puts the signature in.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The query parameter holding the SHA-256 of a JSON body.</summary>
    public const string BodyHashParameter = "bodySHA256";

    private const int HashSize = 20;
    private const int StackKeySize = 256;

    /// <summary>Checks the signature of a form POST (<c>application/x-www-form-urlencoded</c>), as voice webhooks are.</summary>
    /// <param name="authToken">The auth token of the tenant the request was resolved to.</param>
    /// <param name="url">The URL Twilio requested.</param>
    /// <param name="formBody">The raw body, as received.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    public static TwilioSignatureResult ValidateFormPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> formBody, ReadOnlySpan<char> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        if (DecodeSignature(signature, expected) is var decoded and not TwilioSignatureResult.Valid)
        {
            return decoded;
        }

        var entryArray = ArrayPool<FormEntry>.Shared.Rent(FormUrlEncoding.MaxEntries(formBody));
        var decodedArray = ArrayPool<byte>.Shared.Rent(formBody.Length);
        byte[]? normalizedArray = null;
        byte[]? signedArray = null;
        try
        {
            var count = FormUrlEncoding.Decode(formBody, decodedArray, entryArray, out var decodedLength);
            var entries = entryArray.AsSpan(0, count);
            ReadOnlySpan<byte> parameters = decodedArray.AsSpan(0, decodedLength);
            if (!Utf8.IsValid(parameters))
            {
                // Twilio sends UTF-8; anything else is signed (and stored) as the string the app would see.
                normalizedArray = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(decodedLength));
                parameters = normalizedArray.AsSpan(0, FormUrlEncoding.Normalize(parameters, entries, normalizedArray));
            }

            SignedParameterOrder.Sort(entries, parameters);
            var urlSpace = url.MaxUtf8Length;
            signedArray = ArrayPool<byte>.Shared.Rent(urlSpace + parameters.Length);
            var end = urlSpace;
            foreach (var entry in entries)
            {
                entry.Name(parameters).CopyTo(signedArray.AsSpan(end));
                end += entry.NameLength;
                entry.Value(parameters).CopyTo(signedArray.AsSpan(end));
                end += entry.ValueLength;
            }

            return Verify(authToken, url, signedArray, urlSpace, end, expected[..HashSize])
                ? TwilioSignatureResult.Valid
                : TwilioSignatureResult.Mismatch;
        }
        finally
        {
            ArrayPool<FormEntry>.Shared.Return(entryArray);
            ArrayPool<byte>.Shared.Return(decodedArray);
            if (normalizedArray is not null)
            {
                ArrayPool<byte>.Shared.Return(normalizedArray);
            }

            if (signedArray is not null)
            {
                ArrayPool<byte>.Shared.Return(signedArray);
            }
        }
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

        var urlSpace = url.MaxUtf8Length;
        var signedArray = ArrayPool<byte>.Shared.Rent(urlSpace);
        try
        {
            if (!Verify(authToken, url, signedArray, urlSpace, urlSpace, expected[..HashSize]))
            {
                return TwilioSignatureResult.Mismatch;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signedArray);
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

    // The signed bytes are laid out as [free space][parameters]: each URL form is written right before the
    // parameters, so trying a second form rewrites the URL only.
    private static bool Verify(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, byte[] signed, int parametersStart, int end, ReadOnlySpan<byte> expected)
    {
        var maxKeyLength = Encoding.UTF8.GetMaxByteCount(authToken.Length);
        byte[]? rentedKey = null;
        Span<byte> keyBuffer = maxKeyLength <= StackKeySize ? stackalloc byte[StackKeySize] : (rentedKey = ArrayPool<byte>.Shared.Rent(maxKeyLength));
        var key = keyBuffer[..Encoding.UTF8.GetBytes(authToken, keyBuffer)];
        try
        {
            // Over HTTPS Twilio signs the URL without its port, over HTTP with it: try the likelier form first, then
            // the other (with the scheme's default port when the URL had none).
            if (url.Port < 0)
            {
                return Matches(key, url, -1, signed, parametersStart, end, expected)
                    || (url.DefaultPort >= 0 && Matches(key, url, url.DefaultPort, signed, parametersStart, end, expected));
            }

            var https = string.Equals(url.Scheme, "https", StringComparison.OrdinalIgnoreCase);
            var (first, second) = https ? (-1, url.Port) : (url.Port, -1);
            return Matches(key, url, first, signed, parametersStart, end, expected)
                || Matches(key, url, second, signed, parametersStart, end, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (rentedKey is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedKey);
            }
        }
    }

    private static bool Matches(ReadOnlySpan<byte> key, in TwilioRequestUrl url, int port, byte[] signed, int parametersStart, int end, ReadOnlySpan<byte> expected)
    {
        var urlLength = url.GetUtf8Length(port);
        var start = parametersStart - urlLength;
        url.WriteUtf8(signed.AsSpan(start, urlLength), port);
        Span<byte> actual = stackalloc byte[HashSize];
#pragma warning disable CA5350 // HMAC-SHA1 is Twilio's signature protocol, not our choice.
        HMACSHA1.HashData(key, signed.AsSpan(start, end - start), actual);
#pragma warning restore CA5350
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

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
