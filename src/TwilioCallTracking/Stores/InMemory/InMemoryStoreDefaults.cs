using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking;

/// <summary>
/// The in-memory stores <c>AddTwilioCallTracking()</c> registers when no other store is: one <see cref="InMemoryCallStore"/>
/// serves both <see cref="ICallStore"/> and <see cref="ICallReconciliationStore"/>. These descriptors are the defaults by
/// identity, so <see cref="StoreRegistrationCheck"/> tells them from a store registered on purpose (even an in-memory one).
/// </summary>
internal static class InMemoryStoreDefaults
{
    public static readonly ServiceDescriptor CallStore =
        ServiceDescriptor.Singleton<ICallStore>(provider => provider.GetRequiredService<InMemoryCallStore>());

    public static readonly ServiceDescriptor ReconciliationStore =
        ServiceDescriptor.Singleton<ICallReconciliationStore>(provider => provider.GetRequiredService<InMemoryCallStore>());

    public static readonly ServiceDescriptor NotificationStore =
        ServiceDescriptor.Singleton<ICallNotificationStore>(provider => provider.GetRequiredService<InMemoryCallStore>());

    public static readonly ServiceDescriptor SubscriptionStore =
        ServiceDescriptor.Singleton<IWebhookSubscriptionStore, InMemoryWebhookSubscriptionStore>();

    public static readonly ServiceDescriptor ConfigurationStore =
        ServiceDescriptor.Singleton<ITwilioConfigurationStore, InMemoryTwilioConfigurationStore>();
}
