namespace TwilioCallTracking.Testing;

/// <summary>Builds the HTTP requests Twilio sends to voice webhooks: a form POST, signed as Twilio signs it.</summary>
public static class TwilioWebhookRequests
{
    /// <summary>
    /// A POST of <paramref name="form"/> (in order, repeated names kept) to <paramref name="url"/>, with
    /// <c>X-Twilio-Signature</c> computed with <paramref name="authToken"/> over <paramref name="signedUrl"/> (the URL
    /// configured at Twilio, which behind a proxy differs from <paramref name="url"/>; defaults to it).
    /// </summary>
    public static HttpRequestMessage Create(string url, IEnumerable<KeyValuePair<string, string>> form, string? authToken, string? signedUrl = null)
    {
        var pairs = form.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(pairs) };
        if (authToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", TwilioSigner.Sign(authToken, signedUrl ?? url, pairs));
        }

        return request;
    }

    /// <summary>The form body as Twilio sends it (<c>application/x-www-form-urlencoded</c>, UTF-8, in order).</summary>
    public static byte[] EncodeForm(IEnumerable<KeyValuePair<string, string>> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var stream = new MemoryStream();
        content.CopyTo(stream, null, default);
        return stream.ToArray();
    }
}
