using MinimalCrm.Calls.Live;
using TwilioCallTracking;

namespace MinimalCrm.Webhooks;

/// <summary>How the delivery log reads: states as badges, targets by name.</summary>
public static class DeliveryFormat
{
    /// <summary>The query value that selects the live call pages' handler in the log's target filter.</summary>
    public const string LiveUpdatesTarget = "live-updates";

    /// <summary>The CSS class of a state badge: grey while pending, green when delivered, red when dead.</summary>
    public static string BadgeClass(NotificationDeliveryState state) => state switch
    {
        NotificationDeliveryState.Delivered => "badge badge-ok",
        NotificationDeliveryState.Dead => "badge badge-bad",
        _ => "badge badge-waiting",
    };

    /// <summary>A state in lower case, as the filter and the badges say it.</summary>
    public static string State(NotificationDeliveryState state) => state.ToString().ToLowerInvariant();

    /// <summary>The live call pages' handler as a delivery target.</summary>
    public static NotificationTarget LiveUpdates { get; } = NotificationTarget.Handler(typeof(CallUpdatesHandler));

    /// <summary>
    /// The log's target filter value read back: a subscription's id, <see cref="LiveUpdatesTarget"/>, or anything else
    /// (empty) for every target.
    /// </summary>
    public static NotificationTarget? Target(string? filter) =>
        filter == LiveUpdatesTarget ? LiveUpdates
        : Guid.TryParse(filter, out var subscriptionId) ? NotificationTarget.Webhook(subscriptionId)
        : null;

    /// <summary>Who a delivery went to: a subscription's URL, the live call pages, or another in-app handler.</summary>
    public static string TargetName(NotificationTarget target, IReadOnlyList<WebhookSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (target == LiveUpdates)
        {
            return "live call pages (in-app)";
        }

        if (target.HandlerName is { } handler)
        {
            return $"{handler[(handler.LastIndexOf('.') + 1)..]} (in-app)";
        }

        return subscriptions.FirstOrDefault(s => NotificationTarget.Webhook(s.Id) == target) is { } subscription
            ? subscription.Url.AbsoluteUri
            : "a deleted subscription";
    }
}
