using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TwilioCallTracking;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Databases;

/// <summary>
/// The services of one store under test: the in-memory default, or the EF Core stores on a real SQLite file or a real
/// PostgreSQL database, migrated with the shipped migrations. Started once and shared by a test class.
/// </summary>
public abstract class StoreHost : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private Task<ServiceProvider>? _services;

    /// <summary>The started services (skips the test when the database cannot be had outside CI).</summary>
    public Task<ServiceProvider> ServicesAsync()
    {
        lock (_gate)
        {
            return _services ??= StartAsync();
        }
    }

    /// <summary>The call store.</summary>
    public async Task<ICallStore> CallStoreAsync() => (await ServicesAsync()).GetRequiredService<ICallStore>();

    /// <summary>The reconciliation store (the sweeper's claims and leases).</summary>
    public async Task<ICallReconciliationStore> ReconciliationStoreAsync() => (await ServicesAsync()).GetRequiredService<ICallReconciliationStore>();

    /// <summary>The call store and the reconciliation store, for the reconciliation contract.</summary>
    public async Task<ReconciliationStores> ReconciliationStoresAsync() => new(await CallStoreAsync(), await ReconciliationStoreAsync());

    /// <summary>The call store and the notification store (the outbox), for the notification contract.</summary>
    public async Task<NotificationStores> NotificationStoresAsync() =>
        new(await CallStoreAsync(), (await ServicesAsync()).GetRequiredService<ICallNotificationStore>());

    /// <summary>The outgoing webhook subscription store.</summary>
    public async Task<IWebhookSubscriptionStore> SubscriptionStoreAsync() => (await ServicesAsync()).GetRequiredService<IWebhookSubscriptionStore>();

    /// <summary>The configuration store.</summary>
    public async Task<ITwilioConfigurationStore> ConfigurationStoreAsync() => (await ServicesAsync()).GetRequiredService<ITwilioConfigurationStore>();

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        if (_services is { IsCompletedSuccessfully: true } started)
        {
            await started.Result.DisposeAsync();
        }
    }

    /// <summary>Registers the stores (after <c>AddTwilioCallTracking</c>).</summary>
    protected abstract Task AddStoresAsync(TwilioCallTrackingBuilder builder);

    /// <summary>Creates the schema, once the services are built.</summary>
    protected virtual Task MigrateAsync(IServiceProvider services) => Task.CompletedTask;

    private async Task<ServiceProvider> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        await AddStoresAsync(services.AddTwilioCallTracking(options =>
        {
            options.EncryptionKey = TestKeys.EncryptionKey;
            options.PublicBaseUrl = new Uri("https://crm.example.com");
        }));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await MigrateAsync(provider);
        return provider;
    }
}

/// <summary>The in-memory stores (the reference behaviour).</summary>
public sealed class InMemoryStoreHost : StoreHost
{
    /// <inheritdoc/>
    protected override Task AddStoresAsync(TwilioCallTrackingBuilder builder) => Task.CompletedTask;
}
