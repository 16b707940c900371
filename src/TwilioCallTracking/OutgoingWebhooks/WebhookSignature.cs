using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking;

/// <summary>
/// Signs outgoing webhook deliveries, and verifies them for a receiver, the way the Standard Webhooks specification
/// (standardwebhooks.com) does, so any of its libraries can verify them too: the headers <c>webhook-id</c> (the
/// notification's id, the same on every retry), <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>
/// (<c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the secret's bytes).
/// </summary>
/// <remarks>
/// A receiver verifies the signature over the raw body (before parsing it), rejects a timestamp further than a few
/// minutes from its clock (a replay), and ignores an id it has processed already (a retry).
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The header holding the notification's id.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header holding when the delivery was signed, in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header holding the signatures (space-separated <c>v1,&lt;base64&gt;</c> values).</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from the receiver's clock by default: five minutes, as the specification advises.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";
    private const string VersionPrefix = "v1,";

    /// <summary>A new random secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value of a delivery.</summary>
    /// <param name="secret">The subscription's secret (<c>whsec_…</c>).</param>
    /// <param name="id">The <c>webhook-id</c> value.</param>
    /// <param name="timestamp">When it is signed (sent as <c>webhook-timestamp</c>, in whole seconds).</param>
    /// <param name="body">The exact body sent.</param>
    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        return VersionPrefix + Convert.ToBase64String(Compute(KeyOf(secret), id, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>
    /// Whether a delivery is genuine and fresh: one of the signatures in <paramref name="signatureHeader"/> is the body's
    /// with <paramref name="secret"/>, and <paramref name="timestamp"/> is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>.
    /// </summary>
    /// <param name="secret">The subscription's secret (<c>whsec_…</c>).</param>
    /// <param name="id">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signatureHeader">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw body received.</param>
    /// <param name="now">The receiver's time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>; <see cref="DefaultTolerance"/> when <see langword="null"/>.</param>
    public static bool Verify(string secret, string? id, string? timestamp, string? signatureHeader, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Compute(KeyOf(secret), id, timestamp!, body);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith(VersionPrefix, StringComparison.Ordinal)
                && TryDecode(candidate.AsSpan(VersionPrefix.Length), out var actual)
                && CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return TryDecode(encoded, out var key) && key.Length > 0
            ? key
            : throw new ArgumentException("A webhook secret is 'whsec_' followed by base64, as WebhookSignature.NewSecret() makes it.", nameof(secret));
    }

    private static byte[] Compute(byte[] key, string id, string timestamp, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));

    private static bool TryDecode(ReadOnlySpan<char> base64, out byte[] bytes)
    {
        var buffer = new byte[(base64.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64Chars(base64, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
