using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Returned by <c>AddTwilioCallTracking()</c>: the other packages hang their setup on it
/// (<c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>), as ASP.NET Core Identity does with its builder.
/// </summary>
/// <param name="services">The service collection being configured.</param>
public sealed class TwilioCallTrackingBuilder(IServiceCollection services)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Uses the host's <typeparamref name="TLookup"/> to link inbound callers to contacts (registered scoped, so it may
    /// use the host's DbContext).
    /// </summary>
    public TwilioCallTrackingBuilder AddContactLookup<TLookup>()
        where TLookup : class, IContactLookup
    {
        Services.Replace(ServiceDescriptor.Scoped<IContactLookup, TLookup>());
        return this;
    }

    /// <summary>
    /// Stores calls and their events in your <typeparamref name="TStore"/>, for every part of the library: webhooks,
    /// outbound calls, the call API and the sweeper. When <typeparamref name="TStore"/> also implements
    /// <see cref="ICallReconciliationStore"/>, the same instance serves the sweeper's claims too; otherwise register
    /// that one with <see cref="AddCallReconciliationStore{TStore}"/>. The host refuses to start with only one of the two
    /// replaced, or with a custom call store beside the in-memory <see cref="ITwilioConfigurationStore"/>.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TStore"/> is one singleton shared by all (register an instance of it first,
    /// <c>services.AddSingleton(myStore)</c>, to build it yourself): it must be thread-safe. Prove it with the contract
    /// tests of the TwilioCallTracking.StoreTests package.
    /// </remarks>
    /// <typeparam name="TStore">Your <see cref="ICallStore"/>.</typeparam>
    public TwilioCallTrackingBuilder AddCallStore<TStore>()
        where TStore : class, ICallStore
    {
        Use(typeof(ICallStore), typeof(TStore));
        if (typeof(ICallReconciliationStore).IsAssignableFrom(typeof(TStore)))
        {
            Use(typeof(ICallReconciliationStore), typeof(TStore));
        }

        if (typeof(ICallNotificationStore).IsAssignableFrom(typeof(TStore)))
        {
            Use(typeof(ICallNotificationStore), typeof(TStore));
        }

        return this;
    }

    /// <summary>
    /// Lets the reconciliation sweeper claim calls from your <typeparamref name="TStore"/>, which must see the calls your
    /// <see cref="ICallStore"/> stores (the same database). One singleton, like <see cref="AddCallStore{TStore}"/>.
    /// </summary>
    /// <typeparam name="TStore">Your <see cref="ICallReconciliationStore"/>.</typeparam>
    public TwilioCallTrackingBuilder AddCallReconciliationStore<TStore>()
        where TStore : class, ICallReconciliationStore
    {
        Use(typeof(ICallReconciliationStore), typeof(TStore));
        return this;
    }

    /// <summary>
    /// Uses <typeparamref name="TStore"/> as the outbox (<see cref="ICallNotificationStore"/>). It must read what the call
    /// store writes: register it with <see cref="AddCallStore{TStore}"/> (which also does this when the store implements both).
    /// </summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <returns>This builder.</returns>
    public TwilioCallTrackingBuilder AddCallNotificationStore<TStore>()
        where TStore : class, ICallNotificationStore
    {
        Use(typeof(ICallNotificationStore), typeof(TStore));
        return this;
    }

    /// <summary>Uses <typeparamref name="TStore"/> to persist tenants' outgoing webhook subscriptions.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <returns>This builder.</returns>
    public TwilioCallTrackingBuilder AddWebhookSubscriptionStore<TStore>()
        where TStore : class, IWebhookSubscriptionStore
    {
        Use(typeof(IWebhookSubscriptionStore), typeof(TStore));
        return this;
    }

    /// <summary>
    /// Adds an in-process handler of call notifications (scoped: one instance per notification). Each registered handler
    /// type receives each notification; registering the same type twice adds it once.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>This builder.</returns>
    public TwilioCallTrackingBuilder AddNotificationHandler<THandler>()
        where THandler : class, ICallNotificationHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<ICallNotificationHandler, THandler>());
        return this;
    }

    /// <summary>
    /// Keeps tenants' Twilio configurations (their secrets as ciphertext only) in your <typeparamref name="TStore"/>.
    /// One singleton, like <see cref="AddCallStore{TStore}"/>.
    /// </summary>
    /// <typeparam name="TStore">Your <see cref="ITwilioConfigurationStore"/>.</typeparam>
    public TwilioCallTrackingBuilder AddTwilioConfigurationStore<TStore>()
        where TStore : class, ITwilioConfigurationStore
    {
        Use(typeof(ITwilioConfigurationStore), typeof(TStore));
        return this;
    }

    // Every registration of the service goes, so the one left is unambiguous; the store stays one instance whatever it serves.
    private void Use(Type service, Type store)
    {
        Services.TryAddSingleton(store);
        Services.RemoveAll(service);
        Services.AddSingleton(service, provider => provider.GetRequiredService(store));
    }
}
