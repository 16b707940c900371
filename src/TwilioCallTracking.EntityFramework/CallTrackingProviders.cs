using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The database providers the stores are written for. The stores build SQL of their own (<c>ON CONFLICT</c>,
/// <c>RETURNING</c>, <c>FOR NO KEY UPDATE SKIP LOCKED</c>) and recognise the providers' error codes, so any other
/// provider is refused when the host starts rather than failing on its first webhook.
/// </summary>
internal static class CallTrackingProviders
{
    /// <summary><c>Database.ProviderName</c> of Microsoft.EntityFrameworkCore.Sqlite.</summary>
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary><c>Database.ProviderName</c> of Npgsql.EntityFrameworkCore.PostgreSQL.</summary>
    public const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Whether <paramref name="db"/> runs on SQLite.</summary>
    public static bool IsSqlite(DbContext db) => string.Equals(db.Database.ProviderName, Sqlite, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="db"/> runs on PostgreSQL.</summary>
    public static bool IsPostgreSql(DbContext db) => string.Equals(db.Database.ProviderName, PostgreSql, StringComparison.Ordinal);

    /// <summary>Whether the stores support <paramref name="providerName"/>.</summary>
    public static bool IsSupported(string? providerName) =>
        string.Equals(providerName, Sqlite, StringComparison.Ordinal) || string.Equals(providerName, PostgreSql, StringComparison.Ordinal);

    /// <summary>
    /// Why <paramref name="contextType"/> on <paramref name="providerName"/> cannot hold the call tracking tables, or
    /// <see langword="null"/> when it can.
    /// </summary>
    public static string? Problem(Type contextType, string? providerName) => IsSupported(providerName)
        ? null
        : $"The TwilioCallTracking stores support SQLite and PostgreSQL only, but {contextType.Name} uses the EF Core provider " +
          $"'{providerName ?? "(none)"}'. For SQLite install the TwilioCallTracking.EntityFramework.Sqlite package and call " +
          "AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(…)); for PostgreSQL install " +
          "TwilioCallTracking.EntityFramework.PostgreSql and call AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(…)). " +
          "Your own DbContext that calls modelBuilder.ApplyCallTrackingModel() works too, configured with UseSqlite or UseNpgsql.";

    /// <summary>Throws when the contexts of <paramref name="factory"/> use a provider the stores do not support.</summary>
    public static void EnsureSupported<TContext>(IDbContextFactory<TContext> factory)
        where TContext : DbContext
    {
        // Creating a context opens no connection: the provider is known from the options alone.
        using var db = factory.CreateDbContext();
        if (Problem(typeof(TContext), db.Database.ProviderName) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
