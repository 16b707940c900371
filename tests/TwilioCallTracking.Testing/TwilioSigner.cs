using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking.Testing;

/// <summary>Signs a webhook the way Twilio does (X-Twilio-Signature), written from Twilio's documentation for tests.</summary>
public static class TwilioSigner
{
    /// <summary>
    /// Base64(HMAC-SHA1(authToken, url + every form parameter sorted by name (ordinal), name then value)). A repeated
    /// name (such as <c>StatusCallbackEvent</c>) contributes each of its values, sorted (ordinal), as Twilio's Python
    /// and Node SDKs sign them: never the values joined with commas.
    /// </summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var pair in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(pair.Key).Append(pair.Value);
        }

#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by protocol.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
