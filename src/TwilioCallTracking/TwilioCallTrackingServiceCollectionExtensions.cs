using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds TwilioCallTracking to a service collection.</summary>
public static class TwilioCallTrackingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the call tracking services, with in-memory stores unless other stores are registered (for example with
    /// <c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>, or your own with <see cref="TwilioCallTrackingBuilder.AddCallStore{TStore}"/>
    /// and its siblings; a host with only some of the stores replaced does not start). When an <see cref="IConfiguration"/> is registered (as every
    /// ASP.NET Core and generic host does), options are bound from the <c>TwilioCallTracking</c> configuration section,
    /// and the seed's environment variable names fill what the section does not set: <c>NEXT_PUBLIC_APP_URL</c> becomes
    /// <see cref="TwilioCallTrackingOptions.PublicBaseUrl"/> and <c>ENCRYPTION_KEY</c>
    /// <see cref="TwilioCallTrackingOptions.EncryptionKey"/>. Then <paramref name="configure"/> runs. The options are
    /// validated when the host starts: a missing or bad setting stops it with an <see cref="OptionsValidationException"/>
    /// that names the setting. Calling it again is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code, after configuration; <see langword="null"/> to use configuration alone.</param>
    public static TwilioCallTrackingBuilder AddTwilioCallTracking(this IServiceCollection services, Action<TwilioCallTrackingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The named HTTP client's handlers are added, not replaced: only the first call may add them.
        var firstCall = !services.Any(d => d.ServiceType == typeof(TwilioConfigurationCache));

        var options = services.AddOptions<TwilioCallTrackingOptions>()
            .Configure<IServiceProvider>((o, provider) =>
            {
                // Local URLs (a tunnel-less laptop, the simulator) are for Development only, unless configured otherwise below.
                o.AllowPrivateNetworkUrls = provider.GetService<IHostEnvironment>()?.IsDevelopment() == true;
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    TwilioCallTrackingOptionsBinder.Bind(o, configuration);
                }
            })
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioCallTrackingOptions>, TwilioCallTrackingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<CallTrackingMetrics>();
        services.TryAddSingleton<WebhookDiagnostics>();
        services.TryAddSingleton<IAuthTokenProtector, AesGcmAuthTokenProtector>();
        services.TryAddSingleton<InMemoryCallStore>();
        services.TryAdd(InMemoryStoreDefaults.CallStore);
        services.TryAdd(InMemoryStoreDefaults.ReconciliationStore);
        services.TryAdd(InMemoryStoreDefaults.ConfigurationStore);
        services.TryAdd(InMemoryStoreDefaults.NotificationStore);
        services.TryAdd(InMemoryStoreDefaults.SubscriptionStore);
        // Custom stores come as a set: the host does not start with only some of them replaced.
        services.AddOptions<StoreRegistrationCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreRegistrationCheck>>(new StoreRegistrationCheck.Validator(services)));
        services.TryAddSingleton<TwilioConfigurationCache>();
        services.TryAddScoped(p => new TwilioConfigurationService(
            p.GetRequiredService<TracedTwilioConfigurationStore>(), p.GetRequiredService<IAuthTokenProtector>(), p.GetRequiredService<TwilioConfigurationCache>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>()));
        services.TryAddSingleton<ITwilioClientFactory>(p => new TwilioClientFactory(p.GetRequiredService<IHttpClientFactory>(), p.GetRequiredService<TwilioConfigurationCache>()));
        services.TryAddSingleton(p => new RecordingMediaClient(p.GetRequiredService<IHttpClientFactory>(), p.GetRequiredService<TwilioConfigurationCache>()));
        services.TryAddSingleton<PhoneNumberNormalizer>();

        // The flow of a webhook: one service per kind, all applying their changes through CallChanges and the store.
        services.TryAddSingleton<WebhookReporter>();
        services.TryAddScoped(p => new CallChanges(
            p.GetRequiredService<TracedCallStore>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>(), p.GetRequiredService<CallTrackingMetrics>(),
            p.GetRequiredService<CallNotificationSignal>()));
        services.TryAddSingleton<CallNotificationSignal>();
        services.TryAddScoped(p => new InboundCallWebhook(
            p.GetRequiredService<CallChanges>(), p.GetRequiredService<CallerContactMatcher>(), p.GetRequiredService<WebhookReporter>(),
            p.GetRequiredService<CallTrackingMetrics>(), p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>()));
        services.TryAddScoped(p => new StatusCallbackWebhook(
            p.GetRequiredService<CallChanges>(), p.GetRequiredService<CallerContactMatcher>(), p.GetRequiredService<WebhookReporter>()));
        services.TryAddScoped(p => new RecordingCallbackWebhook(p.GetRequiredService<CallChanges>(), p.GetRequiredService<WebhookReporter>()));
        services.TryAddScoped(p => new DialActionWebhook(p.GetRequiredService<CallChanges>(), p.GetRequiredService<WebhookReporter>()));
        services.TryAddScoped(p => new OutboundCallService(
            p.GetRequiredService<CallChanges>(), p.GetRequiredService<TwilioConfigurationService>(), p.GetRequiredService<ITwilioClientFactory>(),
            p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>(), p.GetRequiredService<CallTrackingMetrics>(), p.GetRequiredService<ILogger<OutboundCallService>>(),
            p.GetRequiredService<IContactLookup>()));
        services.TryAddScoped(p => new ReconciledChanges(p.GetRequiredService<CallChanges>(), p.GetRequiredService<CallTrackingMetrics>()));
        services.TryAddScoped(p => new CallReconciler(
            p.GetRequiredService<TracedCallReconciliationStore>(), p.GetRequiredService<TracedCallStore>(), p.GetRequiredService<TwilioConfigurationService>(), p.GetRequiredService<ITwilioClientFactory>(),
            p.GetRequiredService<ReconciledChanges>(), p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<ILogger<CallReconciler>>()));
        services.TryAddScoped<IContactLookup, NoContactLookup>();

        // Observability: the library reaches whatever stores are registered through these, which time and trace each
        // operation (transient: each takes the lifetime of the store it wraps). Twilio REST requests are timed and traced
        // by a handler of the named HTTP client; the sweeper reports its sweeps for the health checks.
        services.TryAddSingleton(p => new StoreTelemetry(p.GetRequiredService<CallTrackingMetrics>(), p.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(p => new TracedCallStore(p.GetRequiredService<ICallStore>(), p.GetRequiredService<StoreTelemetry>()));
        services.TryAddTransient(p => new TracedCallReconciliationStore(p.GetRequiredService<ICallReconciliationStore>(), p.GetRequiredService<StoreTelemetry>()));
        services.TryAddTransient(p => new TracedTwilioConfigurationStore(p.GetRequiredService<ITwilioConfigurationStore>(), p.GetRequiredService<StoreTelemetry>()));
        services.TryAddSingleton(p => new TwilioCredentialFailures(p.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new ReconciliationStatus());
        services.TryAddScoped<CallerContactMatcher>();
        // Before any hosted service starts (the server and the sweeper included), every stored auth token is upgraded to
        // the current format and key.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, AuthTokenUpgrade>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, CallReconciliationWorker>());

        // Notifications: raised with each change (CallChanges), delivered from the outbox by the worker to handlers and
        // tenants' webhook subscriptions.
        services.TryAddSingleton(p => new WebhookSecrets(p.GetRequiredService<IAuthTokenProtector>()));
        services.TryAddSingleton(p => new WebhookSender(p.GetRequiredService<IHttpClientFactory>(), p.GetRequiredService<WebhookSecrets>(), p.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(p => new CallNotificationDispatcher(
            p.GetRequiredService<ICallNotificationStore>(), p.GetRequiredService<IWebhookSubscriptionStore>(), p.GetRequiredService<IServiceScopeFactory>(),
            p.GetRequiredService<WebhookSender>(), p.GetRequiredService<CallNotificationSignal>(), p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<CallTrackingMetrics>(), p.GetRequiredService<ILogger<CallNotificationDispatcher>>()));
        services.TryAddScoped(p => new WebhookSubscriptionService(
            p.GetRequiredService<IWebhookSubscriptionStore>(), p.GetRequiredService<ICallNotificationStore>(), p.GetRequiredService<WebhookSecrets>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<CallNotificationSignal>(), p.GetRequiredService<IOptions<TwilioCallTrackingOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, CallNotificationWorker>());

        if (firstCall)
        {
            OutgoingWebhookClient.Add(services);

            services.AddHttpClient(TwilioClientFactory.HttpClientName, (provider, client) => client.Timeout = TimeSpan.FromSeconds(30))
                .AddHttpMessageHandler(provider => new TwilioRequestTelemetryHandler(
                    provider.GetRequiredService<CallTrackingMetrics>(), provider.GetRequiredService<TwilioCredentialFailures>(), provider.GetRequiredService<TimeProvider>()))
                .AddHttpMessageHandler(provider =>
                    provider.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value.TwilioApiBaseUrl is { } baseUrl
                        ? new TwilioApiRedirectHandler(baseUrl)
                        : new PassThroughHandler());
        }

        return new TwilioCallTrackingBuilder(services);
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
