namespace TwilioCallTracking.EntityFramework;

/// <summary>What <c>MigrateCallTrackingDatabaseAsync</c> does besides applying the migrations.</summary>
public sealed class CallTrackingMigrationOptions
{
    /// <summary>
    /// On PostgreSQL, whether to enable row-level security after the migrations, forced on the tables' owner too
    /// (idempotent; nothing is done when the policies are in place already). Default <see langword="true"/>. Turning it
    /// off does not remove policies enabled before: <c>ALTER TABLE … DISABLE ROW LEVEL SECURITY</c> does. Ignored on SQLite.
    /// </summary>
    public bool RowLevelSecurity { get; set; } = true;
}
