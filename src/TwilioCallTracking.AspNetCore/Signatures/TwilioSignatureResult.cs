namespace TwilioCallTracking.AspNetCore;

/// <summary>The verdict on a request's <c>X-Twilio-Signature</c>.</summary>
public enum TwilioSignatureResult
{
    /// <summary>The signature matches: the request was signed with the tenant's auth token.</summary>
    Valid,

    /// <summary>The request has no <c>X-Twilio-Signature</c> header, or an empty one.</summary>
    Missing,

    /// <summary>The header is not the Base64 of an HMAC-SHA1 (20 bytes).</summary>
    Malformed,

    /// <summary>The signature does not match the URL and parameters signed with the tenant's auth token.</summary>
    Mismatch,

    /// <summary>A JSON request's body does not hash to the <c>bodySHA256</c> query parameter (or it has none).</summary>
    BodyHashMismatch,

    /// <summary>
    /// The request says (<c>X-Twilio-Webhooks-Signature-Settings</c>) it was signed with a Webhook Rules shared key and
    /// an algorithm other than HMAC-SHA1: this library checks the auth-token signature only.
    /// </summary>
    UnsupportedAlgorithm,
}

/// <summary>The short names of <see cref="TwilioSignatureResult"/> used in logs, metrics and diagnostics.</summary>
public static class TwilioSignatureResultNames
{
    /// <summary>Returns <c>valid</c>, <c>missing</c>, <c>malformed</c>, <c>mismatch</c>, <c>body-hash-mismatch</c> or <c>unsupported-algorithm</c>.</summary>
    public static string ToReason(this TwilioSignatureResult result) => result switch
    {
        TwilioSignatureResult.Valid => "valid",
        TwilioSignatureResult.Missing => "missing",
        TwilioSignatureResult.Malformed => "malformed",
        TwilioSignatureResult.Mismatch => "mismatch",
        TwilioSignatureResult.BodyHashMismatch => "body-hash-mismatch",
        _ => "unsupported-algorithm",
    };
}
