namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Options of the voice webhook endpoints, given to <c>MapTwilioVoiceWebhooks()</c>. Where the endpoints live and the
/// public base URL Twilio calls are <see cref="TwilioCallTrackingOptions.WebhookPathPrefix"/> and
/// <see cref="TwilioCallTrackingOptions.PublicBaseUrl"/>, shared with the callback URLs the library gives Twilio.
/// </summary>
public sealed class TwilioWebhookOptions
{
    /// <summary>
    /// Whether every webhook must carry a valid <c>X-Twilio-Signature</c>. Default <see langword="true"/>. Turning it
    /// off lets anyone post fake call events; the app logs a warning at start when it is off.
    /// </summary>
    public bool ValidateSignatures { get; set; } = true;

    /// <summary>The largest webhook body accepted, in bytes; larger ones get 413. Default 64 KiB (Twilio sends 1–3 KiB).</summary>
    public int MaxRequestBodySize { get; set; } = 64 * 1024;
}
