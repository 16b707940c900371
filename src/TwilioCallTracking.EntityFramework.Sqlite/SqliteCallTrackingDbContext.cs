using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework.Sqlite;

/// <summary>
/// The ready context on SQLite, the embedded default: <c>AddEntityFrameworkStores&lt;SqliteCallTrackingDbContext&gt;(db =&gt;
/// db.UseSqlite("Data Source=calls.db"))</c>. Its migrations ship in this package.
/// </summary>
public sealed class SqliteCallTrackingDbContext : CallTrackingDbContext
{
    /// <summary>Creates the context.</summary>
    public SqliteCallTrackingDbContext(DbContextOptions<SqliteCallTrackingDbContext> options)
        : base(options)
    {
    }
}
