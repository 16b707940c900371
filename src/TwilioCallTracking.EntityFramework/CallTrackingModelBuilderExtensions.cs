using TwilioCallTracking.EntityFramework;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the call tracking tables to any DbContext's model.</summary>
public static class CallTrackingModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>calls</c>, <c>call_events</c>, <c>twilio_configurations</c>, the notification outbox
    /// (<c>call_notifications</c>, <c>call_notification_deliveries</c>) and <c>webhook_subscriptions</c> (snake_case,
    /// Twilio's strings for enums, UTC timestamps, the indexes the stores query by) into this model. Call it from <c>OnModelCreating</c> of your own
    /// DbContext, then register it with <c>services.AddTwilioCallTracking().AddEntityFrameworkStores&lt;YourContext&gt;()</c>
    /// and add a migration as usual.
    /// </summary>
    /// <param name="modelBuilder">The model being built.</param>
    /// <param name="configure">Sets the schema, the table prefix, and on PostgreSQL <c>EventDataColumnType = "jsonb"</c>.</param>
    public static ModelBuilder ApplyCallTrackingModel(this ModelBuilder modelBuilder, Action<CallTrackingModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new CallTrackingModelOptions();
        configure?.Invoke(options);
        var names = new CallTrackingNames(options);
        return modelBuilder
            .ApplyConfiguration(new CallEntityConfiguration(names))
            .ApplyConfiguration(new CallEventEntityConfiguration(names, options.EventDataColumnType))
            .ApplyConfiguration(new TwilioConfigurationEntityConfiguration(names))
            .ApplyConfiguration(new CallNotificationEntityConfiguration(names))
            .ApplyConfiguration(new NotificationDeliveryEntityConfiguration(names))
            .ApplyConfiguration(new WebhookSubscriptionEntityConfiguration(names));
    }
}
