namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The answer of <c>POST /api/webhooks/subscriptions</c> (201) and <c>POST /api/webhooks/subscriptions/{id}/secret</c>
/// (200): the subscription and its new signing secret, the only time the secret is shown. <see cref="object.ToString"/>
/// leaves the secret out, so a log of this answer does not hold it.
/// </summary>
/// <param name="Subscription">The subscription as stored.</param>
/// <param name="Secret">
/// The signing secret (<c>whsec_…</c>): give it to the receiver, which verifies each delivery's <c>webhook-signature</c>
/// with it (<c>WebhookSignature.Verify</c>, or any Standard Webhooks library). It cannot be read back; rotate it if it is lost.
/// </param>
public sealed record WebhookSubscriptionSecretResponse(WebhookSubscriptionResponse Subscription, string Secret)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Subscription = ").Append(Subscription).Append(", Secret = [set]");
        return true;
    }
}
