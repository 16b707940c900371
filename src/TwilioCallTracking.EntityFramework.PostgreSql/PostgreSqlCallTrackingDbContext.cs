using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework.PostgreSql;

/// <summary>
/// The ready context on PostgreSQL, for several stateless webhook hosts sharing one database:
/// <c>AddEntityFrameworkStores&lt;PostgreSqlCallTrackingDbContext&gt;(db =&gt; db.UseNpgsql(connectionString))</c>. Event payloads
/// are <c>jsonb</c>. Its migrations ship in this package; row-level security is <see cref="CallTrackingRowLevelSecurity"/>.
/// </summary>
public sealed class PostgreSqlCallTrackingDbContext : CallTrackingDbContext
{
    /// <summary>Creates the context.</summary>
    public PostgreSqlCallTrackingDbContext(DbContextOptions<PostgreSqlCallTrackingDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    protected override void ConfigureCallTrackingModel(CallTrackingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EventDataColumnType = "jsonb";
    }
}
