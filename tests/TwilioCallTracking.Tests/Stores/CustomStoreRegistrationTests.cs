using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Stores;

/// <summary>
/// <c>AddCallStore</c>, <c>AddCallReconciliationStore</c> and <c>AddTwilioConfigurationStore</c>: one instance of the
/// host's store serves every consumer (the sweeper included), and a host with only part of the stores replaced does not
/// start, with a message that names the method to call. The host's call stores here keep their outbox over the same data
/// (<see cref="ICallNotificationStore"/>, registered with them by <c>AddCallStore</c>), and every host keeps webhook
/// subscriptions in memory on purpose (<c>AddWebhookSubscriptionStore</c>), so each test meets only the problem it is about.
/// </summary>
public sealed class CustomStoreRegistrationTests
{
    [Fact]
    public async Task AddCallStore_OfAStoreThatAlsoReconciles_ServesWebhooksAndTheSweeperWithOneInstance()
    {
        using var host = Build(b => b.AddCallStore<RecordingCallStore>().AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>());
        await host.StartAsync();

        var store = host.Services.GetRequiredService<RecordingCallStore>();
        Assert.Same(store, host.Services.GetRequiredService<ICallStore>());
        Assert.Same(store, host.Services.GetRequiredService<ICallReconciliationStore>());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync();
        }

        Assert.True(store.Claims > 0, "The sweeper did not claim from the custom store.");
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCallStore_UsesTheInstanceTheHostRegistered()
    {
        var mine = new RecordingCallStore();
        using var host = Build(b =>
        {
            b.Services.AddSingleton(mine);
            b.AddCallStore<RecordingCallStore>().AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>();
        });
        await host.StartAsync();

        Assert.Same(mine, host.Services.GetRequiredService<ICallStore>());
        Assert.Same(mine, host.Services.GetRequiredService<ICallReconciliationStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task SeparateCallAndReconciliationStores_AreEachUsedForTheirOwnPart()
    {
        using var host = Build(b => b
            .AddCallStore<CallsOnlyStore>()
            .AddCallReconciliationStore<RecordingCallStore>()
            .AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>());
        await host.StartAsync();

        Assert.IsType<CallsOnlyStore>(host.Services.GetRequiredService<ICallStore>());
        Assert.Same(host.Services.GetRequiredService<RecordingCallStore>(), host.Services.GetRequiredService<ICallReconciliationStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task CustomCallStore_WithTheInMemoryReconciliationStore_StopsTheHostNamingAddCallReconciliationStore()
    {
        using var host = Build(b => b.AddCallStore<CallsOnlyStore>().AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = Assert.Single(error.Failures);
        Assert.Contains("a custom ICallStore is registered but ICallReconciliationStore is still the in-memory one", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AddCallReconciliationStore<TStore>()", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomCallStoreRegisteredBeforeAddTwilioCallTracking_IsCaughtToo()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<CallsOnlyStore>();
        builder.Services.AddSingleton<ICallStore>(p => p.GetRequiredService<CallsOnlyStore>());
        builder.Services.AddSingleton<ICallNotificationStore>(p => p.GetRequiredService<CallsOnlyStore>());
        builder.Services.AddSingleton<ITwilioConfigurationStore, InMemoryTwilioConfigurationStore>();
        builder.Services.AddSingleton<IWebhookSubscriptionStore, InMemoryWebhookSubscriptionStore>();
        builder.Services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AddCallReconciliationStore<TStore>()", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomReconciliationStore_WithTheInMemoryCallStore_StopsTheHostNamingAddCallStore()
    {
        using var host = Build(b => b.AddCallReconciliationStore<RecordingCallStore>().AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = Assert.Single(error.Failures);
        Assert.Contains("a custom ICallReconciliationStore is registered but ICallStore is still the in-memory one", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AddCallStore<TStore>()", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomCallStores_WithTheDefaultConfigurationStore_StopTheHostNamingAddTwilioConfigurationStore()
    {
        using var host = Build(b => b.AddCallStore<RecordingCallStore>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = Assert.Single(error.Failures);
        Assert.Contains("ITwilioConfigurationStore is still the in-memory one", message, StringComparison.Ordinal);
        Assert.Contains("AddTwilioConfigurationStore<TStore>()", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryProblem_IsReportedAtOnce()
    {
        using var host = Build(b => b.AddCallStore<CallsOnlyStore>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task DefaultStores_AndACustomConfigurationStoreAlone_Start()
    {
        using var defaults = Build(_ => { });
        using var configurationOnly = Build(b => b.AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>());

        await defaults.StartAsync();
        await configurationOnly.StartAsync();

        Assert.IsType<InMemoryCallStore>(defaults.Services.GetRequiredService<ICallStore>());
        await defaults.StopAsync();
        await configurationOnly.StopAsync();
    }

    private static IHost Build(Action<TwilioCallTrackingBuilder> stores)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = false);
        stores(builder.Services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = TestKeys.EncryptionKey;
            o.Reconciliation.Enabled = false;
        }).AddWebhookSubscriptionStore<InMemoryWebhookSubscriptionStore>());
        return builder.Build();
    }

    /// <summary>A host's call store that does not reconcile (here over the in-memory one), with its outbox.</summary>
    private class CallsOnlyStore : ICallStore, ICallNotificationStore
    {
        protected InMemoryCallStore Inner { get; } = new();

        public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default) => Inner.ChangeAsync(change, cancellationToken);

        public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) => Inner.FindByIdAsync(tenantId, callId, cancellationToken);

        public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) => Inner.FindBySidAsync(tenantId, callSid, cancellationToken);

        public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) => Inner.ListAsync(tenantId, query, cancellationToken);

        public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
            Inner.ListEventsAsync(tenantId, callId, cancellationToken);

        public Task<IReadOnlyList<CallNotification>> ListUndispatchedAsync(int batchSize, CancellationToken cancellationToken = default) =>
            Inner.ListUndispatchedAsync(batchSize, cancellationToken);

        public Task DispatchAsync(CallNotification notification, IReadOnlyList<NotificationTarget> targets, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            Inner.DispatchAsync(notification, targets, at, cancellationToken);

        public Task<IReadOnlyList<NotificationDeliveryLease>> ClaimDeliveriesAsync(NotificationClaimCriteria criteria, CancellationToken cancellationToken = default) =>
            Inner.ClaimDeliveriesAsync(criteria, cancellationToken);

        public Task<bool> CompleteDeliveryAsync(NotificationDeliveryLease lease, NotificationAttempt attempt, CancellationToken cancellationToken = default) =>
            Inner.CompleteDeliveryAsync(lease, attempt, cancellationToken);

        public Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string tenantId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default) =>
            Inner.ListDeliveriesAsync(tenantId, query, cancellationToken);

        public Task<NotificationDelivery?> RedeliverAsync(string tenantId, Guid deliveryId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            Inner.RedeliverAsync(tenantId, deliveryId, at, cancellationToken);

        public Task<int> PurgeAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken = default) =>
            Inner.PurgeAsync(before, batchSize, cancellationToken);
    }

    /// <summary>A host's store of both kinds, counting the sweeper's claims.</summary>
    private sealed class RecordingCallStore : CallsOnlyStore, ICallReconciliationStore
    {
        private int _claims;

        public int Claims => Volatile.Read(ref _claims);

        public Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            return Inner.ClaimAsync(criteria, cancellationToken);
        }

        public Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
            Inner.ReleaseAsync(lease, attempts, nextAttemptAt, cancellationToken);
    }
}
