using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The ready context on SQLite, the embedded default: <c>AddEntityFrameworkStores&lt;SqliteCallTrackingDbContext&gt;(db =&gt;
/// db.UseSqlite("Data Source=calls.db"))</c>. Its migrations are in <c>Migrations/Sqlite</c>.
/// </summary>
public sealed class SqliteCallTrackingDbContext : CallTrackingDbContext
{
    /// <summary>Creates the context.</summary>
    public SqliteCallTrackingDbContext(DbContextOptions<SqliteCallTrackingDbContext> options)
        : base(options)
    {
    }
}
