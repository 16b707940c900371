namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// How <c>modelBuilder.ApplyCallTrackingModel()</c> maps the tables into a DbContext: schema, table prefix and the
/// column type of the JSON event payload.
/// </summary>
/// <remarks>
/// The ready contexts (<c>SqliteCallTrackingDbContext</c>, <c>PostgreSqlCallTrackingDbContext</c>) use the
/// defaults, which their shipped migrations were generated with; change them only in your own DbContext, whose
/// migrations you generate yourself.
/// </remarks>
public sealed class CallTrackingModelOptions
{
    /// <summary>The database schema of the tables; <see langword="null"/> (the default) uses the provider's default (<c>public</c> on PostgreSQL). SQLite has no schemas.</summary>
    public string? Schema { get; set; }

    /// <summary>Put before every table, key and index name, e.g. <c>twilio_</c> gives <c>twilio_calls</c>. Default empty.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// The column type of <c>call_events.event_data</c>: <c>jsonb</c> on PostgreSQL, <see langword="null"/> (the provider's
    /// text type) elsewhere. <c>PostgreSqlCallTrackingDbContext</c> sets <c>jsonb</c>; set it yourself in your
    /// own PostgreSQL DbContext.
    /// </summary>
    public string? EventDataColumnType { get; set; }
}
