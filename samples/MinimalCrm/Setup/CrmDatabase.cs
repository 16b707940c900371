using Microsoft.EntityFrameworkCore;
using MinimalCrm.Data;

namespace MinimalCrm.Setup;

/// <summary>The CRM's own tables: registered on the provider the settings chose, migrated at start.</summary>
public static class CrmDatabase
{
    /// <summary>Adds <see cref="CrmDbContext"/> on SQLite or PostgreSQL.</summary>
    public static IServiceCollection AddCrmDatabase(this IServiceCollection services, CrmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Database switch
        {
            DatabaseProvider.Postgres => services.AddDbContext<CrmDbContext, PostgresCrmDbContext>(o =>
                o.UseNpgsql(settings.ConnectionString, x => x.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable))),
            _ => services.AddDbContext<CrmDbContext, SqliteCrmDbContext>(o =>
                o.UseSqlite(settings.ConnectionString, x => x.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable))),
        };
    }

    /// <summary>Applies the CRM's pending migrations (its history table is its own, beside call tracking's).</summary>
    public static async Task MigrateCrmDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
