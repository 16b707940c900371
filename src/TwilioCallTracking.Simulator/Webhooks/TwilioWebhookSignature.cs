using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>
/// Computes <c>X-Twilio-Signature</c> the way Twilio does: Base64 of HMAC-SHA1, keyed with the account's auth token
/// (UTF-8), over the URL Twilio called followed by every form parameter sorted by name (ordinal), each name directly
/// followed by its value. A repeated name (such as <c>StatusCallbackEvent</c>) contributes each of its values, sorted
/// (ordinal), as Twilio's own SDKs validate them; never the values joined with commas.
/// </summary>
public static class TwilioWebhookSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>Signs a request: <paramref name="url"/> byte for byte as called (query included) and its form parameters.</summary>
    /// <param name="authToken">The account's auth token.</param>
    /// <param name="url">The full URL, exactly as requested (for a GET, with the parameters already in its query).</param>
    /// <param name="parameters">The form parameters of a POST; none for a GET.</param>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var data = new StringBuilder(url);
        foreach (var pair in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(pair.Key).Append(pair.Value);
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio's webhook signature protocol prescribes; it is not our choice.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// The form of <paramref name="url"/> Twilio signs: without user info (credentials are never signed) and, over
    /// HTTPS, without the port; over HTTP the port is kept. The fragment is never sent, so it is not signed either.
    /// </summary>
    public static string SignedUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            builder.Port = -1;
        }

        return builder.Uri.AbsoluteUri;
    }
}
