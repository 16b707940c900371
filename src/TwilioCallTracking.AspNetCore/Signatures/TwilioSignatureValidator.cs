using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking.AspNetCore.Signatures;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> as Twilio computes it: the full URL Twilio requested, then every POST parameter
/// sorted by name (ordinal; a repeated name's values sorted too), each name followed by its value; HMAC-SHA1 keyed
/// with the account's auth token (UTF-8); Base64. The URL is tried with and without its port (Twilio drops the port
/// over HTTPS, keeps it over HTTP; its SDKs accept both). The comparison takes constant time.
/// </summary>
/// <remarks>
/// Works on the raw body: it sorts the pairs in place and decodes each value once into a pooled buffer, so a valid
/// request costs one HMAC plus a pass over the body, and allocates nothing.
/// </remarks>
public static class TwilioSignatureValidator
{
    /// <summary>The header Twilio puts the signature in.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The query parameter holding the SHA-256 of a JSON body.</summary>
    public const string BodyHashParameter = "bodySHA256";

    private const int HashSize = 20;
    private const int StackKeySize = 256;
    private const int NoSecondForm = int.MinValue;

    /// <summary>Checks the signature of a form POST (<c>application/x-www-form-urlencoded</c>), as voice webhooks are.</summary>
    /// <param name="authToken">The auth token of the tenant the request was resolved to.</param>
    /// <param name="url">The URL Twilio requested.</param>
    /// <param name="formBody">The raw body, as received.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    [SkipLocalsInit]
    public static TwilioSignatureResult ValidateFormPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> formBody, ReadOnlySpan<char> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        if (DecodeSignature(signature, expected) is var decoded and not TwilioSignatureResult.Valid)
        {
            return decoded;
        }

        // A pooled buffer is not returned when something throws: the pool does not require it, and the hot path
        // stays out of a try region (which would keep the JIT from enregistering its locals).
        var signed = ArrayPool<byte>.Shared.Rent(url.MaxUtf8Length + SignedParameters.MaxLength(formBody));
        var (first, second) = PortsToTry(url);
        var urlLength = url.WriteUtf8(signed, first);
        var parametersLength = SignedParameters.Write(formBody, signed.AsSpan(urlLength));
        var valid = Verify(authToken, url, signed, urlLength, parametersLength, second, expected[..HashSize]);
        ArrayPool<byte>.Shared.Return(signed);
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
    [SkipLocalsInit]
    public static TwilioSignatureResult ValidateJsonPost(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, ReadOnlySpan<byte> body, ReadOnlySpan<char> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        if (DecodeSignature(signature, expected) is var decoded and not TwilioSignatureResult.Valid)
        {
            return decoded;
        }

        var signed = ArrayPool<byte>.Shared.Rent(url.MaxUtf8Length);
        var (first, second) = PortsToTry(url);
        var urlLength = url.WriteUtf8(signed, first);
        var valid = Verify(authToken, url, signed, urlLength, 0, second, expected[..HashSize]);
        ArrayPool<byte>.Shared.Return(signed);
        if (!valid)
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

    // Over HTTPS Twilio signs the URL without its port, over HTTP with it; its SDKs accept both forms. The likelier
    // form first, then the other (with the scheme's default port when the URL had none; a port-less URL of another
    // scheme has no second form).
    private static (int First, int Second) PortsToTry(in TwilioRequestUrl url)
    {
        if (url.Port < 0)
        {
            return (-1, url.DefaultPort >= 0 ? url.DefaultPort : NoSecondForm);
        }

        return string.Equals(url.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? (-1, url.Port) : (url.Port, -1);
    }

    // signed holds [URL in its first form][parameters]; for the second form the parameters move to make room.
    [SkipLocalsInit]
    private static bool Verify(ReadOnlySpan<char> authToken, in TwilioRequestUrl url, byte[] signed, int urlLength, int parametersLength, int second, ReadOnlySpan<byte> expected)
    {
        var maxKeyLength = Encoding.UTF8.GetMaxByteCount(authToken.Length);
        byte[]? rentedKey = null;
        Span<byte> keyBuffer = maxKeyLength <= StackKeySize ? stackalloc byte[StackKeySize] : (rentedKey = ArrayPool<byte>.Shared.Rent(maxKeyLength));
        // Auth tokens are hex: the ASCII conversion is the cheap one, UTF-8 (as Twilio keys it) the general one.
        var key = keyBuffer[..(Ascii.FromUtf16(authToken, keyBuffer, out var ascii) == OperationStatus.Done ? ascii : Encoding.UTF8.GetBytes(authToken, keyBuffer))];
        var valid = Matches(key, signed.AsSpan(0, urlLength + parametersLength), expected);
        if (!valid && second != NoSecondForm)
        {
            var secondLength = url.GetUtf8Length(second);
            signed.AsSpan(urlLength, parametersLength).CopyTo(signed.AsSpan(secondLength));
            url.WriteUtf8(signed, second);
            valid = Matches(key, signed.AsSpan(0, secondLength + parametersLength), expected);
        }

        CryptographicOperations.ZeroMemory(key);
        if (rentedKey is not null)
        {
            ArrayPool<byte>.Shared.Return(rentedKey);
        }

        return valid;
    }

    [SkipLocalsInit]
    private static bool Matches(ReadOnlySpan<byte> key, ReadOnlySpan<byte> signed, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[HashSize];
#pragma warning disable CA5350 // HMAC-SHA1 is Twilio's signature protocol, not our choice.
        HMACSHA1.HashData(key, signed, actual);
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
