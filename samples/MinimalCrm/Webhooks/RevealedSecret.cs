using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MinimalCrm.Webhooks;

/// <summary>
/// A subscription's signing secret just made (on creation or rotation), carried to the page shown after the redirect
/// and shown there once: TempData is read once, so a reload shows nothing. The sample's TempData lives in a cookie
/// encrypted with the app's data protection keys, deleted by the request that reads it; the secret is never stored in
/// plain text on the server and cannot be read back (<see cref="TwilioCallTracking.WebhookSubscription.ProtectedSecret"/>
/// is never shown).
/// </summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Url">Its URL, to say which secret this is.</param>
/// <param name="Secret">The secret (<c>whsec_…</c>).</param>
public sealed record RevealedSecret(Guid SubscriptionId, string Url, string Secret)
{
    private const string Key = "WebhookSecret";

    /// <summary>Keeps the secret for the next page.</summary>
    public void Keep(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[Key] = JsonSerializer.Serialize(this);
    }

    /// <summary>The secret kept by the previous request, if any; it is gone afterwards.</summary>
    public static RevealedSecret? Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[Key] is string json ? JsonSerializer.Deserialize<RevealedSecret>(json) : null;
    }
}
