using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="IWebhookSubscriptionStore"/> on Entity Framework Core: <c>webhook_subscriptions</c>, keyed by tenant
/// and id (a tenant never reaches another's row, even with its id), the signing secret as the ciphertext it arrives as.
/// A save is one upsert. A database that cannot serve now is reported as <see cref="StoreUnavailableException"/>.
/// </summary>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkWebhookSubscriptionStore<TContext> : IWebhookSubscriptionStore
    where TContext : DbContext
{
    private readonly CallTrackingContexts<TContext> _contexts;
    private (IModel Model, InsertStatement Upsert)? _upsert;

    /// <summary>Creates the store, its database commands bounded by the default <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkWebhookSubscriptionStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new TwilioCallTrackingOptions().StoreTimeout)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    /// <param name="commandTimeout">The longest any of its database commands may take (at least 1 s); <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</param>
    public EntityFrameworkWebhookSubscriptionStore(IDbContextFactory<TContext> contextFactory, TimeSpan commandTimeout)
    {
        _contexts = new CallTrackingContexts<TContext>(contextFactory, commandTimeout);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync<IReadOnlyList<WebhookSubscription>>(tenantId, async (db, ct) => await db.Set<WebhookSubscription>().AsNoTracking()
            .Where(s => s.TenantId == tenantId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(ct), cancellationToken);

    /// <inheritdoc/>
    public Task<WebhookSubscription?> FindAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, (db, ct) => db.Set<WebhookSubscription>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.TenantId == tenantId && s.Id == subscriptionId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return _contexts.RunAsync(subscription.TenantId, (db, ct) => UpsertFor(db).ExecuteAsync(db, subscription, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, async (db, ct) => await db.Set<WebhookSubscription>()
            .Where(s => s.TenantId == tenantId && s.Id == subscriptionId)
            .ExecuteDeleteAsync(ct) > 0, cancellationToken);

    private InsertStatement UpsertFor(TContext db)
    {
        if (_upsert is not { } upsert || !ReferenceEquals(upsert.Model, db.Model))
        {
            var subscriptions = db.Model.FindEntityType(typeof(WebhookSubscription)) ?? throw CallTrackingModelMissing.For(typeof(WebhookSubscription));
            var table = StoreObjectIdentifier.Table(subscriptions.GetTableName()!, subscriptions.GetSchema());
            var key = subscriptions.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToArray();
            _upsert = upsert = (db.Model, InsertStatement.For<WebhookSubscription>(db.Model, db.GetService<ISqlGenerationHelper>(), key, updateOnConflict: true));
        }

        return upsert.Upsert;
    }
}
