using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The <see cref="ITwilioConfigurationStore"/> on Entity Framework Core: one row per tenant in <c>twilio_configurations</c>,
/// the auth token as the ciphertext it arrives as. A unique index on the phone number routes each number to one tenant.
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

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates the contexts (register one with <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkTwilioConfigurationStore(IDbContextFactory<TContext> contextFactory)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        _contexts = new CallTrackingContexts<TContext>(contextFactory);
    }

    /// <inheritdoc/>
    public async Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);
        return await ByTenant(db, tenantId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(null, cancellationToken);
        return await ByPhoneNumber(db, phoneNumber, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(null, cancellationToken);
        var found = await db.Set<TwilioConfiguration>().AsNoTracking().Where(c => c.AccountSid == accountSid).ToListAsync(cancellationToken);

        // Ordinal order, whatever the database's collation.
        return [.. found.OrderBy(c => c.TenantId, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await using var db = await _contexts.CreateAsync(configuration.TenantId, cancellationToken);
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

            // Not inserted: another tenant owns the number, or this tenant's row was inserted concurrently (then update it).
            CallTrackingContexts<TContext>.Scope(db, null);
            var owner = await ByPhoneNumber(db, configuration.PhoneNumber, cancellationToken);
            CallTrackingContexts<TContext>.Scope(db, configuration.TenantId);
            if (owner is not null && owner.TenantId != configuration.TenantId)
            {
                throw PhoneNumberInUseException.For(configuration.PhoneNumber);
            }
        }

        throw PhoneNumberInUseException.For(configuration.PhoneNumber);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateAsync(tenantId, cancellationToken);
        return await db.Set<TwilioConfiguration>().Where(c => c.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await using var db = await _contexts.CreateAsync(null, cancellationToken);
        var configurations = db.Set<TwilioConfiguration>().AsNoTracking();
        if (afterTenantId is not null)
        {
            // A keyset page on the primary key, compared and ordered by the database's collation alike.
            configurations = configurations.Where(c => c.TenantId.CompareTo(afterTenantId) > 0);
        }

        return await configurations.OrderBy(c => c.TenantId).Take(pageSize).ToListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> ReplaceProtectedAuthTokenAsync(TwilioConfiguration current, string protectedAuthToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrEmpty(protectedAuthToken);
        await using var db = await _contexts.CreateAsync(current.TenantId, cancellationToken);
        return await db.Set<TwilioConfiguration>()
            .Where(c => c.TenantId == current.TenantId && c.AccountSid == current.AccountSid && c.ProtectedAuthToken == current.ProtectedAuthToken)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ProtectedAuthToken, protectedAuthToken), cancellationToken) > 0;
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
