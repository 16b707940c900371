using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Testing;

/// <summary>Signs a webhook the way Twilio does (X-Twilio-Signature): the simulator's signer, for tests.</summary>
public static class TwilioSigner
{
    /// <summary>Base64(HMAC-SHA1(authToken, url + every form parameter sorted by name (ordinal), name then value)).</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form) =>
        TwilioWebhookSignature.Compute(authToken, url, form);
}
