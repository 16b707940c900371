using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TwilioCallTracking.EntityFramework.Sqlite;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="SqliteCallTrackingDbContext"/> in this project, to add migrations and write
/// scripts. <c>dotnet ef database update --connection "Data Source=…"</c> targets another database.
/// </summary>
internal sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteCallTrackingDbContext>
{
    public SqliteCallTrackingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCallTrackingDbContext>().UseSqlite("Data Source=calltracking.db").Options);
}
