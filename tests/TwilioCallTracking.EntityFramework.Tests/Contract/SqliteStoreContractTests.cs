using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.StoreTests;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>The call store contract (package TwilioCallTracking.StoreTests) on SQLite: one database for the class.</summary>
public sealed class SqliteCallStoreTests(SqliteStoreHost host) : CallStoreContractTests, IClassFixture<SqliteStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ICallStore> GetStoreAsync() => host.CallStoreAsync();
}

/// <summary>The reconciliation contract on SQLite: a database of its own for each test.</summary>
public sealed class SqliteReconciliationStoreTests : ReconciliationStoreContractTests
{
    private readonly SqliteStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<ReconciliationStores> CreateStoresAsync() => _host.ReconciliationStoresAsync();
}

/// <summary>The configuration store contract on SQLite: one database for the class.</summary>
public sealed class SqliteTwilioConfigurationStoreTests(SqliteStoreHost host) : TwilioConfigurationStoreContractTests, IClassFixture<SqliteStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ITwilioConfigurationStore> GetStoreAsync() => host.ConfigurationStoreAsync();
}

/// <summary>The notification store contract on SQLite: a database of its own for each test.</summary>
public sealed class SqliteCallNotificationStoreTests : CallNotificationStoreContractTests
{
    private readonly SqliteStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<NotificationStores> CreateStoresAsync() => _host.NotificationStoresAsync();
}

/// <summary>The webhook subscription store contract on SQLite: one database for the class.</summary>
public sealed class SqliteWebhookSubscriptionStoreTests(SqliteStoreHost host) : WebhookSubscriptionStoreContractTests, IClassFixture<SqliteStoreHost>
{
    /// <inheritdoc/>
    protected override Task<IWebhookSubscriptionStore> GetStoreAsync() => host.SubscriptionStoreAsync();
}
