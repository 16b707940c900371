using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.StoreTests;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>The call store contract (package TwilioCallTracking.StoreTests) on PostgreSQL: one database for the class.</summary>
public sealed class PostgreSqlCallStoreTests(PostgreSqlStoreHost host) : CallStoreContractTests, IClassFixture<PostgreSqlStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ICallStore> GetStoreAsync() => host.CallStoreAsync();
}

/// <summary>The reconciliation contract on PostgreSQL: a database of its own for each test.</summary>
public sealed class PostgreSqlReconciliationStoreTests : ReconciliationStoreContractTests
{
    private readonly PostgreSqlStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<ReconciliationStores> CreateStoresAsync() => _host.ReconciliationStoresAsync();
}

/// <summary>The configuration store contract on PostgreSQL: one database for the class.</summary>
public sealed class PostgreSqlTwilioConfigurationStoreTests(PostgreSqlStoreHost host) : TwilioConfigurationStoreContractTests, IClassFixture<PostgreSqlStoreHost>
{
    /// <inheritdoc/>
    protected override Task<ITwilioConfigurationStore> GetStoreAsync() => host.ConfigurationStoreAsync();
}

/// <summary>The notification store contract on PostgreSQL: a database of its own for each test.</summary>
public sealed class PostgreSqlCallNotificationStoreTests : CallNotificationStoreContractTests
{
    private readonly PostgreSqlStoreHost _host = new();

    /// <inheritdoc/>
    public override Task DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc/>
    protected override Task<NotificationStores> CreateStoresAsync() => _host.NotificationStoresAsync();
}

/// <summary>The webhook subscription store contract on PostgreSQL: one database for the class.</summary>
public sealed class PostgreSqlWebhookSubscriptionStoreTests(PostgreSqlStoreHost host) : WebhookSubscriptionStoreContractTests, IClassFixture<PostgreSqlStoreHost>
{
    /// <inheritdoc/>
    protected override Task<IWebhookSubscriptionStore> GetStoreAsync() => host.SubscriptionStoreAsync();
}
