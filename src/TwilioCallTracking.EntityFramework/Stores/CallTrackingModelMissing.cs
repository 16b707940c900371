namespace TwilioCallTracking.EntityFramework;

/// <summary>The error for a DbContext whose model lacks the call tracking tables.</summary>
internal static class CallTrackingModelMissing
{
    public static InvalidOperationException For(Type entity) => new(
        $"The DbContext has no entity type {entity.Name}: call modelBuilder.ApplyCallTrackingModel() in its OnModelCreating, " +
        "or use SqliteCallTrackingDbContext (TwilioCallTracking.EntityFramework.Sqlite) / PostgreSqlCallTrackingDbContext (TwilioCallTracking.EntityFramework.PostgreSql).");
}
