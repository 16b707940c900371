namespace TwilioCallTracking.EntityFramework;

/// <summary>The table, key and index names of the model, with the configured prefix.</summary>
internal sealed class CallTrackingNames(CallTrackingModelOptions options)
{
    private readonly string _prefix = options.TablePrefix ?? string.Empty;

    public string? Schema { get; } = options.Schema;

    public string Calls => _prefix + "calls";

    public string CallEvents => _prefix + "call_events";

    public string TwilioConfigurations => _prefix + "twilio_configurations";

    public string CallNotifications => _prefix + "call_notifications";

    public string NotificationDeliveries => _prefix + "call_notification_deliveries";

    public string WebhookSubscriptions => _prefix + "webhook_subscriptions";

    /// <summary>A primary key, foreign key or index name: <c>{kind}_{prefix}{table}_{what}</c>.</summary>
    public static string Of(string kind, string table, string what) => $"{kind}_{table}_{what}";
}
