using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Creates the short-lived contexts the stores work with, each told which tenant it serves and bounded by the store's
/// command timeout, and runs the stores' operations on them.
/// </summary>
internal sealed class CallTrackingContexts<TContext>
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _factory;

    /// <summary>Creates the contexts of one store.</summary>
    /// <param name="factory">The application's context factory (pooled when registered by <c>AddEntityFrameworkStores</c>).</param>
    /// <param name="commandTimeout">The longest any database command of the stores may take (<see cref="TwilioCallTrackingOptions.StoreTimeout"/>); at least 1 s.</param>
    public CallTrackingContexts(IDbContextFactory<TContext> factory, TimeSpan commandTimeout)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(commandTimeout, TimeSpan.FromSeconds(1));
        _factory = factory;
        CommandTimeout = commandTimeout;
    }

    /// <summary>The longest any database command of the stores may take.</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>A context for <paramref name="tenantId"/>; <see langword="null"/> for the lookups that find a tenant.</summary>
    public async ValueTask<TContext> CreateAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var context = await _factory.CreateDbContextAsync(cancellationToken);
        TenantSession.Scope(context, tenantId);

        // Per context, not in the application's options: its own queries keep their own timeout. A pooled context is
        // reset to the options' timeout when it goes back to the pool.
        context.Database.SetCommandTimeout((int)Math.Ceiling(CommandTimeout.TotalSeconds));
        return context;
    }

    /// <summary>
    /// Runs one store operation on a fresh context for <paramref name="tenantId"/> (<see langword="null"/>: a lookup
    /// across tenants), and turns a database that cannot serve now into <see cref="StoreUnavailableException"/>. On
    /// PostgreSQL the operation is one transaction that first names its tenant (<see cref="TenantSession"/>), so
    /// row-level security lets it see that tenant's rows, whichever role the application connects as.
    /// </summary>
    public Task<T> RunAsync<T>(string? tenantId, Func<TContext, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunCoreAsync(tenantId, write: false, operation, cancellationToken);

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string? tenantId, Func<TContext, CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(tenantId, async (db, ct) =>
        {
            await operation(db, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, for an operation of several statements that must write all or nothing: one
    /// transaction on both databases. On SQLite it waits for this process's turn to write the file
    /// (<see cref="SqliteWriteGate"/>), and its transaction is <c>BEGIN IMMEDIATE</c>: it holds the file's write lock from
    /// its first read, so what it reads stays true until it commits, for other processes too.
    /// </summary>
    public Task<T> RunWriteAsync<T>(string? tenantId, Func<TContext, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunCoreAsync(tenantId, write: true, operation, cancellationToken);

    private async Task<T> RunCoreAsync<T>(string? tenantId, bool write, Func<TContext, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await CreateAsync(tenantId, cancellationToken);
            var postgreSql = CallTrackingProviders.IsPostgreSql(db);
            if (!postgreSql && !write)
            {
                return await operation(db, cancellationToken);
            }

            using var gate = write ? await SqliteWriteGate.EnterAsync(db, CommandTimeout) : null;
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                async ct =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await TenantSession.EnterAsync(db, tenantId, ct);
                    var result = await operation(db, ct);
                    await transaction.CommitAsync(ct);
                    return result;
                },
                cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            throw DatabaseErrors.Unavailable(ex);
        }
    }
}
