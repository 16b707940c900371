using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TwilioCallTracking.EntityFramework.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="PostgreSqlCallTrackingDbContext"/> in this project. Adding migrations and
/// writing scripts need no server; <c>dotnet ef database update --connection "Host=…"</c> names the one to update.
/// </summary>
internal sealed class PostgreSqlDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgreSqlCallTrackingDbContext>
{
    public PostgreSqlCallTrackingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCallTrackingDbContext>().UseNpgsql("Host=localhost;Database=calltracking").Options);
}
