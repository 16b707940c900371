using Microsoft.EntityFrameworkCore;
using MinimalCrm.Data;

namespace MinimalCrm.Setup;

/// <summary>Registers the CRM's database on the provider the settings chose.</summary>
public static class CrmDatabaseServiceCollectionExtensions
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
}
