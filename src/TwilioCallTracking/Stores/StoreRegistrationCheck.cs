using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Nothing to configure: validating it on start (<c>ValidateOnStart</c>) stops the host when only part of the stores is
/// custom. The sweeper claims calls from <see cref="ICallReconciliationStore"/> and the webhooks write them through
/// <see cref="ICallStore"/>: with one of them still the in-memory default, the sweeper would silently reconcile calls
/// nobody stores (or never see the stored ones). A custom call store beside the in-memory configuration store would lose
/// every tenant's Twilio settings at each restart.
/// </summary>
internal sealed class StoreRegistrationCheck
{
    /// <summary>Reads the final registrations (the collection the provider was built from).</summary>
    /// <param name="services">The application's service collection, complete when the host starts.</param>
    public sealed class Validator(IServiceCollection services) : IValidateOptions<StoreRegistrationCheck>
    {
        public ValidateOptionsResult Validate(string? name, StoreRegistrationCheck options)
        {
            var calls = IsDefault(InMemoryStoreDefaults.CallStore);
            var reconciliation = IsDefault(InMemoryStoreDefaults.ReconciliationStore);
            var configurations = IsDefault(InMemoryStoreDefaults.ConfigurationStore);
            var notifications = IsDefault(InMemoryStoreDefaults.NotificationStore);
            var subscriptions = IsDefault(InMemoryStoreDefaults.SubscriptionStore);
            var problems = new List<string>();
            if (!calls && reconciliation)
            {
                problems.Add(
                    "A custom ICallStore is registered but ICallReconciliationStore is still the in-memory one: the reconciliation sweeper " +
                    "would claim calls from memory, never from your store. Call AddTwilioCallTracking().AddCallReconciliationStore<TStore>() " +
                    "with a store over the same data (AddCallStore<TStore>() registers both when TStore implements both).");
            }

            if (calls && !reconciliation)
            {
                problems.Add(
                    "A custom ICallReconciliationStore is registered but ICallStore is still the in-memory one: webhooks would store calls " +
                    "in memory, where the sweeper never looks. Call AddTwilioCallTracking().AddCallStore<TStore>() with a store over the same data.");
            }

            if ((!calls || !reconciliation) && configurations)
            {
                problems.Add(
                    "Custom call stores are registered but ITwilioConfigurationStore is still the in-memory one: every tenant's Twilio settings " +
                    "would be lost at each restart. Call AddTwilioCallTracking().AddTwilioConfigurationStore<TStore>() (with " +
                    "InMemoryTwilioConfigurationStore if keeping them in memory is what you want).");
            }

            if (calls != notifications)
            {
                problems.Add(calls
                    ? "A custom ICallNotificationStore is registered but ICallStore is still the in-memory one: notifications are written with " +
                      "each call change, in memory, where your outbox never looks. Call AddTwilioCallTracking().AddCallStore<TStore>() with a store over the same data."
                    : "A custom ICallStore is registered but ICallNotificationStore (the outbox) is still the in-memory one: the notifications your " +
                      "store writes with each change would never be delivered. Call AddTwilioCallTracking().AddCallNotificationStore<TStore>() with a " +
                      "store over the same data (AddCallStore<TStore>() registers both when TStore implements both).");
            }

            if (!calls && subscriptions)
            {
                problems.Add(
                    "Custom call stores are registered but IWebhookSubscriptionStore is still the in-memory one: every tenant's outgoing webhook " +
                    "subscriptions would be lost at each restart. Call AddTwilioCallTracking().AddWebhookSubscriptionStore<TStore>() (with " +
                    "InMemoryWebhookSubscriptionStore if keeping them in memory is what you want).");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        // The registration that wins (the last one) is the default itself, by identity.
        private bool IsDefault(ServiceDescriptor defaultDescriptor) =>
            ReferenceEquals(services.LastOrDefault(d => d.ServiceType == defaultDescriptor.ServiceType && !d.IsKeyedService), defaultDescriptor);
    }
}
