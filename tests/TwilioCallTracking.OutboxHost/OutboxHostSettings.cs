using TwilioCallTracking.Testing;

namespace TwilioCallTracking.OutboxHost;

/// <summary>The options the crash tests and their child hosts share.</summary>
public static class OutboxHostSettings
{
    /// <summary>The tenant whose calls are played.</summary>
    public static TestTenant Tenant => TestTenants.A;

    public static void Configure(TwilioCallTrackingOptions options)
    {
        options.EncryptionKey = TestKeys.EncryptionKey;
        options.PublicBaseUrl = new Uri("https://crm.example.com");
        options.AllowPrivateNetworkUrls = true;
        options.Reconciliation.Enabled = false;
        options.Notifications.PollInterval = TimeSpan.FromMilliseconds(200);
        options.Notifications.MaxConcurrentDeliveries = 2;
        options.Notifications.HandlerTimeout = TimeSpan.FromSeconds(2);
        options.Notifications.WebhookTimeout = TimeSpan.FromSeconds(3);

        // Short, so a killed process's leases expire soon after and the next process takes its deliveries over.
        options.Notifications.LeaseDuration = TimeSpan.FromSeconds(5);
    }
}
