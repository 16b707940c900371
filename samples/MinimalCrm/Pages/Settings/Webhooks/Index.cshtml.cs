using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MinimalCrm.Accounts;
using MinimalCrm.Webhooks;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Settings.Webhooks;

/// <summary>
/// Settings → Webhooks: the tenant's outgoing webhook subscriptions (enable or disable each), a secret just made shown
/// once, and the delivery log (newest first, filtered by target and state) with a Redeliver button per delivery.
/// </summary>
public sealed class IndexModel(WebhookSubscriptionService webhooks, IOptions<TwilioCallTrackingOptions> options, TimeProvider time) : PageModel
{
    /// <summary>How many deliveries a page of the log shows.</summary>
    public const int PageSize = 50;

    /// <summary>The log's target filter: a subscription's id, <see cref="DeliveryFormat.LiveUpdatesTarget"/>, or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    /// <summary>The log's state filter; <see langword="null"/> for all.</summary>
    [BindProperty(SupportsGet = true)]
    public NotificationDeliveryState? State { get; set; }

    /// <summary>Only deliveries older than this one (the next page of the log).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Before { get; set; }

    /// <summary>The tenant's subscriptions, oldest first.</summary>
    public IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];

    /// <summary>One page of the delivery log, newest first.</summary>
    public IReadOnlyList<NotificationDelivery> Deliveries { get; private set; } = [];

    /// <summary>A secret made by the previous request (creation or rotation), shown this once.</summary>
    public RevealedSecret? Secret { get; private set; }

    /// <summary>How deliveries are attempted (timeout, attempts), for the receivers' note.</summary>
    public CallNotificationOptions Delivery => options.Value.Notifications;

    /// <summary>The time the page was made, for times in words.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The id to page on from, when the log may have older deliveries.</summary>
    public Guid? Older => Deliveries.Count == PageSize ? Deliveries[^1].Id : null;

    /// <summary>Shows the subscriptions and the log.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        Secret = RevealedSecret.Take(TempData);
        if (Secret is not null)
        {
            // The page holds a secret: not for the browser's cache or history.
            Response.Headers.CacheControl = "no-store";
        }

        Now = time.GetUtcNow();
        Subscriptions = await webhooks.ListAsync(tenantId, cancellationToken);
        Deliveries = await webhooks.ListDeliveriesAsync(
            tenantId, new NotificationDeliveryQuery { Limit = PageSize, Before = Before, State = State, Target = DeliveryFormat.Target(Target) }, cancellationToken);
    }

    /// <summary>Delivers new notifications to the subscription again.</summary>
    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    /// <summary>Stops delivering new notifications to the subscription.</summary>
    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    /// <summary>Attempts a delivery again now, whatever its state.</summary>
    public async Task<IActionResult> OnPostRedeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await webhooks.RedeliverAsync(User.GetTenantId(), id, cancellationToken) is not { } delivery)
        {
            return NotFound();
        }

        TempData["Notice"] = $"Redelivering {delivery.Notification.Type}: it is attempted again now.";
        return RedirectToPage(new { Target, State });
    }

    private async Task<IActionResult> SetEnabledAsync(Guid id, bool enabled, CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        if (await webhooks.FindAsync(tenantId, id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }

        var input = WebhookSubscriptionInput.From(subscription);
        input.Enabled = enabled;
        var result = await webhooks.UpdateAsync(tenantId, id, input.ToRequest()!, cancellationToken);
        if (result.Succeeded)
        {
            TempData["Notice"] = enabled ? $"{subscription.Url.AbsoluteUri} receives new notifications again." : $"{subscription.Url.AbsoluteUri} receives nothing new until enabled.";
        }
        else
        {
            TempData["Error"] = $"{subscription.Url.AbsoluteUri} cannot be changed: {string.Join(" ", result.Errors.SelectMany(e => e.Value))} Edit it first.";
        }

        return RedirectToPage(new { Target, State });
    }
}
