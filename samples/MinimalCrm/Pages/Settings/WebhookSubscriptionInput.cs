using System.ComponentModel.DataAnnotations;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Settings;

/// <summary>The Settings → Webhooks subscription form. It never holds the secret: that is shown once, apart from the form.</summary>
public sealed class WebhookSubscriptionInput
{
    /// <summary>Where deliveries are POSTed.</summary>
    [Display(Name = "URL")]
    public string Url { get; set; } = string.Empty;

    /// <summary>The event types ticked; none for all of them.</summary>
    [Display(Name = "Events")]
    public List<string> EventTypes { get; set; } = [];

    /// <summary>What the subscription is for.</summary>
    [Display(Name = "Description")]
    public string? Description { get; set; }

    /// <summary>Whether new notifications are delivered.</summary>
    [Display(Name = "Enabled: deliver new notifications")]
    public bool Enabled { get; set; } = true;

    /// <summary>The form filled in with <paramref name="subscription"/>.</summary>
    public static WebhookSubscriptionInput From(WebhookSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new WebhookSubscriptionInput
        {
            Url = subscription.Url.AbsoluteUri,
            EventTypes = [.. subscription.EventTypes],
            Description = subscription.Description,
            Enabled = subscription.Enabled,
        };
    }

    /// <summary>The request for the service, or <see langword="null"/> when <see cref="Url"/> is not an absolute URL.</summary>
    public WebhookSubscriptionRequest? ToRequest() =>
        Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var url)
            ? new WebhookSubscriptionRequest { Url = url, EventTypes = EventTypes, Enabled = Enabled, Description = Description }
            : null;
}
