using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TwilioCallTracking.EntityFramework.Migrations;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="SqliteCallTrackingDbContext"/> in this project, to add migrations and write
/// scripts. <c>dotnet ef database update --connection "Data Source=…"</c> targets another database.
/// </summary>
internal sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteCallTrackingDbContext>
{
    public SqliteCallTrackingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCallTrackingDbContext>().UseSqlite("Data Source=calltracking.db").Options);
}

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="PostgreSqlCallTrackingDbContext"/> in this project. Adding migrations and
/// writing scripts need no server; <c>dotnet ef database update --connection "Host=…"</c> names the one to update.
/// </summary>
internal sealed class PostgreSqlDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgreSqlCallTrackingDbContext>
{
    public PostgreSqlCallTrackingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCallTrackingDbContext>().UseNpgsql("Host=localhost;Database=calltracking").Options);
}
