namespace MinimalCrm.Setup;

/// <summary>Where the CRM and call tracking keep their data (<c>Database__Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in the data folder (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, at <c>ConnectionStrings__CallTracking</c>.</summary>
    Postgres,
}
