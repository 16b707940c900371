using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MinimalCrm.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteCrmDbContext --output-dir Data/Migrations/Sqlite</c> build the
/// context without starting the app.
/// </summary>
public sealed class SqliteCrmDbContextFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    /// <inheritdoc/>
    public SqliteCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>()
            .UseSqlite("Data Source=design-time.db", x => x.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)).Options);
}

/// <summary>The same, for <c>--context PostgresCrmDbContext --output-dir Data/Migrations/Postgres</c> (no server needed).</summary>
public sealed class PostgresCrmDbContextFactory : IDesignTimeDbContextFactory<PostgresCrmDbContext>
{
    /// <inheritdoc/>
    public PostgresCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCrmDbContext>()
            .UseNpgsql("Host=localhost;Database=minimalcrm_design", x => x.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)).Options);
}
