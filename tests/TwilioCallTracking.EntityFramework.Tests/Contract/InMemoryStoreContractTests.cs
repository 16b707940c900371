using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.StoreTests;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>The call store contract (package TwilioCallTracking.StoreTests) on the in-memory stores (the reference): one store for the class.</summary>
public sealed class InMemoryCallStoreTests(InMemoryStoreHost host) : CallStoreContractTests, IClassFixture<InMemoryStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ICallStore> GetStoreAsync() => host.CallStoreAsync();
}

/// <summary>The reconciliation contract on the in-memory stores (the reference): a store of its own for each test.</summary>
public sealed class InMemoryReconciliationStoreTests : ReconciliationStoreContractTests
{
    private readonly InMemoryStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<ReconciliationStores> CreateStoresAsync() => _host.ReconciliationStoresAsync();
}

/// <summary>The configuration store contract on the in-memory stores (the reference): one store for the class.</summary>
public sealed class InMemoryTwilioConfigurationStoreTests(InMemoryStoreHost host) : TwilioConfigurationStoreContractTests, IClassFixture<InMemoryStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ITwilioConfigurationStore> GetStoreAsync() => host.ConfigurationStoreAsync();
}

/// <summary>The notification store contract on the in-memory stores (the reference): a store of its own for each test.</summary>
public sealed class InMemoryCallNotificationStoreTests : CallNotificationStoreContractTests
{
    private readonly InMemoryStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<NotificationStores> CreateStoresAsync() => _host.NotificationStoresAsync();
}

/// <summary>The webhook subscription store contract on the in-memory stores (the reference): one store for the class.</summary>
public sealed class InMemoryWebhookSubscriptionStoreTests(InMemoryStoreHost host) : WebhookSubscriptionStoreContractTests, IClassFixture<InMemoryStoreHost>
{
    /// <inheritdoc/>
    protected override Task<IWebhookSubscriptionStore> GetStoreAsync() => host.SubscriptionStoreAsync();
}
