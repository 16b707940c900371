using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ITwilioConfigurationStore"/> on Entity Framework Core: one row per tenant in <c>twilio_configurations</c>,
/// the auth token and the API key secret as the ciphertexts they arrive as. A unique index on the phone number routes each number to one tenant.
/// A database that cannot serve now is reported as <see cref="StoreUnavailableException"/>.
/// </summary>
/// <typeparam name="TContext">A DbContext whose model has the call tracking tables.</typeparam>
public sealed class EntityFrameworkTwilioConfigurationStore<TContext> : ITwilioConfigurationStore
    where TContext : DbContext
{
    private const int MaxSaveAttempts = 3;

    // Compiled once per store: a compiled query is bound to one model, and two option sets (two stores) mean two models.
    private readonly Func<TContext, string, CancellationToken, Task<TwilioConfiguration?>> ByTenant =
        EF.CompileAsyncQuery((TContext db, string tenantId, CancellationToken _) =>
            db.Set<TwilioConfiguration>().AsNoTracking().FirstOrDefault(c => c.TenantId == tenantId));

    private readonly Func<TContext, string, CancellationToken, Task<TwilioConfiguration?>> ByPhoneNumber =
        EF.CompileAsyncQuery((TContext db, string phoneNumber, CancellationToken _) =>
            db.Set<TwilioConfiguration>().AsNoTracking().FirstOrDefault(c => c.PhoneNumber == phoneNumber));

    private readonly CallTrackingContexts<TContext> _contexts;
    private (Microsoft.EntityFrameworkCore.Metadata.IModel Model, InsertStatement Insert)? _insert;

    /// <summary>Creates the store, its database commands bounded by the default <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkTwilioConfigurationStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new TwilioCallTrackingOptions().StoreTimeout)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    /// <param name="commandTimeout">The longest any of its database commands may take (at least 1 s); <see cref="TwilioCallTrackingOptions.StoreTimeout"/>.</param>
    public EntityFrameworkTwilioConfigurationStore(IDbContextFactory<TContext> contextFactory, TimeSpan commandTimeout)
    {
        _contexts = new CallTrackingContexts<TContext>(contextFactory, commandTimeout);
    }

    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, (db, ct) => ByTenant(db, tenantId, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(null, (db, ct) => ByPhoneNumber(db, phoneNumber, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync<IReadOnlyList<TwilioConfiguration>>(null, async (db, ct) =>
        {
            var found = await db.Set<TwilioConfiguration>().AsNoTracking().Where(c => c.AccountSid == accountSid).ToListAsync(ct);

            // Ordinal order, whatever the database's collation.
            return [.. found.OrderBy(c => c.TenantId, StringComparer.Ordinal)];
        }, cancellationToken);

    /// <inheritdoc/>
    public Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _contexts.RunAsync(configuration.TenantId, (db, ct) => SaveAsync(db, configuration, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _contexts.RunAsync(tenantId, async (db, ct) => await db.Set<TwilioConfiguration>().Where(c => c.TenantId == tenantId).ExecuteDeleteAsync(ct) > 0, cancellationToken);

    private async Task SaveAsync(TContext db, TwilioConfiguration configuration, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxSaveAttempts; attempt++)
        {
            int updated;
            try
            {
                updated = await db.Set<TwilioConfiguration>()
                    .Where(c => c.TenantId == configuration.TenantId)
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(c => c.AccountSid, configuration.AccountSid)
                            .SetProperty(c => c.ProtectedAuthToken, configuration.ProtectedAuthToken)
                            .SetProperty(c => c.ApiKeySid, configuration.ApiKeySid)
                            .SetProperty(c => c.ProtectedApiKeySecret, configuration.ProtectedApiKeySecret)
                            .SetProperty(c => c.PhoneNumber, configuration.PhoneNumber)
                            .SetProperty(c => c.ForwardToNumber, configuration.ForwardToNumber)
                            .SetProperty(c => c.Greeting, configuration.Greeting)
                            .SetProperty(c => c.RecordingNotice, configuration.RecordingNotice)
                            .SetProperty(c => c.RecordingMode, configuration.RecordingMode)
                            .SetProperty(c => c.PublicBaseUrl, configuration.PublicBaseUrl)
                            .SetProperty(c => c.CreatedAt, configuration.CreatedAt)
                            .SetProperty(c => c.UpdatedAt, configuration.UpdatedAt),
                        cancellationToken);
            }
            catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                throw PhoneNumberInUseException.For(configuration.PhoneNumber);
            }

            if (updated > 0 || await InsertFor(db).ExecuteAsync(db, configuration, cancellationToken))
            {
                return;
            }

            // Not inserted: this tenant's row was inserted concurrently (update it next time round), or, when it has none,
            // another tenant owns the number. Asked within the tenant: the save never looks at another tenant's row.
            if (await ByTenant(db, configuration.TenantId, cancellationToken) is null)
            {
                throw PhoneNumberInUseException.For(configuration.PhoneNumber);
            }
        }

        throw PhoneNumberInUseException.For(configuration.PhoneNumber);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);

        // Across tenants (the auth-token upgrade at start reads every row): a lookup like those that find a tenant.
        return _contexts.RunAsync<IReadOnlyList<TwilioConfiguration>>(null, async (db, ct) =>
        {
            var configurations = db.Set<TwilioConfiguration>().AsNoTracking();
            if (afterTenantId is not null)
            {
                // A keyset page on the primary key, compared and ordered by the database's collation alike.
                configurations = configurations.Where(c => c.TenantId.CompareTo(afterTenantId) > 0);
            }

            return await configurations.OrderBy(c => c.TenantId).Take(pageSize).ToListAsync(ct);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> ReplaceProtectedSecretsAsync(
        TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrEmpty(protectedAuthToken);
        return _contexts.RunAsync(current.TenantId, async (db, ct) => await db.Set<TwilioConfiguration>()
            .Where(c => c.TenantId == current.TenantId && c.AccountSid == current.AccountSid && c.ProtectedAuthToken == current.ProtectedAuthToken
                && c.ApiKeySid == current.ApiKeySid && c.ProtectedApiKeySecret == current.ProtectedApiKeySecret)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ProtectedAuthToken, protectedAuthToken)
                .SetProperty(c => c.ProtectedApiKeySecret, protectedApiKeySecret), ct) > 0, cancellationToken);
    }

    private InsertStatement InsertFor(TContext db)
    {
        if (_insert is not { } insert || !ReferenceEquals(insert.Model, db.Model))
        {
            _insert = insert = (db.Model, InsertStatement.For<TwilioConfiguration>(db.Model, db.GetService<ISqlGenerationHelper>()));
        }

        return insert.Insert;
    }
}
