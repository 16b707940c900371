using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Entity Framework Core stores of TwilioCallTracking.</summary>
public static class TwilioCallTrackingEntityFrameworkBuilderExtensions
{
    /// <summary>
    /// Stores calls, events, Twilio configurations, the reconciliation sweeper's leases, the notification outbox with its
    /// deliveries, and outgoing webhook subscriptions through
    /// <typeparamref name="TContext"/>, replacing the in-memory stores. The stores are singletons that take a short-lived context from <see cref="IDbContextFactory{TContext}"/>
    /// for every operation: register one yourself (<c>services.AddPooledDbContextFactory&lt;TContext&gt;(…)</c>), or use the
    /// overload that takes the database options. Calling it again replaces the stores. With
    /// <c>services.AddHealthChecks().AddTwilioCallTracking()</c>, the <c>twilio_call_tracking.database</c> health check
    /// queries this context's database.
    /// </summary>
    /// <remarks>
    /// Every database command of the stores is bounded by <see cref="TwilioCallTrackingOptions.StoreTimeout"/> (SQLite's
    /// busy timeout and PostgreSQL's command timeout included); a database that cannot serve in time is reported as
    /// <see cref="StoreUnavailableException"/>, which the webhooks answer with 503 so Twilio retries.
    /// The stores support SQLite and PostgreSQL. A context on any other provider stops the host when it starts (and
    /// <c>MigrateCallTrackingDatabaseAsync</c>, and the first resolution of a store) with an error that names the packages
    /// to install.
    /// </remarks>
    /// <typeparam name="TContext">
    /// <c>SqliteCallTrackingDbContext</c> (package TwilioCallTracking.EntityFramework.Sqlite),
    /// <c>PostgreSqlCallTrackingDbContext</c> (package TwilioCallTracking.EntityFramework.PostgreSql), or your own
    /// DbContext that calls <c>modelBuilder.ApplyCallTrackingModel()</c>.
    /// </typeparam>
    public static TwilioCallTrackingBuilder AddEntityFrameworkStores<TContext>(this TwilioCallTrackingBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<ICallStore>(
            provider => new EntityFrameworkCallStore<TContext>(FactoryOf<TContext>(provider), StoreTimeout(provider))));
        // The sweeper must claim from the database every instance shares, never from this process's in-memory store.
        services.Replace(ServiceDescriptor.Singleton<ICallReconciliationStore>(
            provider => new EntityFrameworkCallReconciliationStore<TContext>(FactoryOf<TContext>(provider), StoreTimeout(provider))));
        services.Replace(ServiceDescriptor.Singleton<ITwilioConfigurationStore>(
            provider => new EntityFrameworkTwilioConfigurationStore<TContext>(FactoryOf<TContext>(provider), StoreTimeout(provider))));
        // The outbox the call store writes with each change, in the same database: the dispatcher reads and claims it there.
        services.Replace(ServiceDescriptor.Singleton<ICallNotificationStore>(
            provider => new EntityFrameworkCallNotificationStore<TContext>(FactoryOf<TContext>(provider), StoreTimeout(provider))));
        services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionStore>(
            provider => new EntityFrameworkWebhookSubscriptionStore<TContext>(FactoryOf<TContext>(provider), StoreTimeout(provider))));
        services.Replace(ServiceDescriptor.Singleton<CallTrackingDatabase>(new CallTrackingDatabase<TContext>()));
        // Refuse an unsupported provider when the host starts, before the first webhook meets a half-working store.
        services.AddOptions<CallTrackingProviderCheck>().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<IValidateOptions<CallTrackingProviderCheck>>(
            provider => new CallTrackingProviderCheck.Validator<TContext>(provider)));

        // The database health check of services.AddHealthChecks().AddTwilioCallTracking(), for this context.
        services.RemoveAllKeyed<IHealthCheck>(CallTrackingHealthChecks.Database);
        services.AddKeyedSingleton<IHealthCheck>(CallTrackingHealthChecks.Database, (provider, _) => new CallTrackingDatabaseHealthCheck<TContext>(
            provider, provider.GetRequiredService<IOptions<CallTrackingHealthCheckOptions>>(), provider.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{TContext}"/> configured by <paramref name="configureDatabase"/>, then
    /// the stores: <c>.AddEntityFrameworkStores&lt;SqliteCallTrackingDbContext&gt;(db =&gt; db.UseSqlite("Data Source=calls.db"))</c>
    /// or <c>.AddEntityFrameworkStores&lt;PostgreSqlCallTrackingDbContext&gt;(db =&gt; db.UseNpgsql(connectionString))</c>.
    /// </summary>
    /// <param name="builder">The call tracking builder.</param>
    /// <param name="configureDatabase">Chooses the provider and connection (and interceptors, logging…).</param>
    /// <param name="poolSize">The most contexts kept for reuse. Default 1024, EF Core's own default.</param>
    public static TwilioCallTrackingBuilder AddEntityFrameworkStores<TContext>(
        this TwilioCallTrackingBuilder builder, Action<DbContextOptionsBuilder> configureDatabase, int poolSize = 1024)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureDatabase);
        builder.Services.AddPooledDbContextFactory<TContext>(configureDatabase, poolSize);
        return builder.AddEntityFrameworkStores<TContext>();
    }

    // Every database command of the stores is bounded by the webhooks' store budget (SQLite busy timeout, PostgreSQL command timeout).
    private static TimeSpan StoreTimeout(IServiceProvider provider) => provider.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value.StoreTimeout;

    internal static IDbContextFactory<TContext> FactoryOf<TContext>(IServiceProvider provider)
        where TContext : DbContext
    {
        var factory = provider.GetService<IDbContextFactory<TContext>>() ?? throw new InvalidOperationException(
            $"The call tracking stores need an IDbContextFactory<{typeof(TContext).Name}>: register one with " +
            $"services.AddPooledDbContextFactory<{typeof(TContext).Name}>(db => db.UseSqlite(…) or db.UseNpgsql(…)), or call " +
            $"AddEntityFrameworkStores<{typeof(TContext).Name}>(db => …), which registers it.");
        CallTrackingProviders.EnsureSupported(factory);
        return factory;
    }
}
