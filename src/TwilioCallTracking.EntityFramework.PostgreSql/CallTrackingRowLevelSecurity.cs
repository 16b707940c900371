using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework.PostgreSql;

/// <summary>
/// Opt-in PostgreSQL row-level security on the call tracking tables: a policy per table that shows and accepts only rows
/// whose <c>tenant_id</c> equals the session's <c>app.tenant_id</c> (set by <see cref="CallTrackingTenantSessionInterceptor"/>).
/// Row-level security so that the database itself lets a connection see only its tenant's rows, beneath the EF global query filter.
/// </summary>
/// <remarks>
/// Policies bind roles that do not own the tables; the owner (and roles with <c>BYPASSRLS</c>) are not restricted.
/// Connect the CRM's reads as such a role. Webhooks learn their tenant from the called number, and the stores' lookups
/// by number or SID cross tenants, so the webhook hosts must connect as the owner (or a <c>BYPASSRLS</c> role).
/// A session with no <c>app.tenant_id</c> sees no rows at all.
/// </remarks>
public static class CallTrackingRowLevelSecurity
{
    /// <summary>The session setting the policies compare <c>tenant_id</c> with.</summary>
    public const string TenantSetting = "app.tenant_id";

    /// <summary>The policies' name on each table.</summary>
    public const string PolicyName = "tenant_isolation";

    private static readonly string[] Tables = ["calls", "call_events", "twilio_configurations"];

    /// <summary>The idempotent SQL that enables row-level security for the tables of a model mapped with these options.</summary>
    /// <param name="schema">The tables' schema (<see cref="CallTrackingModelOptions.Schema"/>); <see langword="null"/> for the search path's.</param>
    /// <param name="tablePrefix">The tables' prefix (<see cref="CallTrackingModelOptions.TablePrefix"/>).</param>
    public static string Script(string? schema = null, string tablePrefix = "") =>
        Script([.. Tables.Select(t => (schema, tablePrefix + t))]);

    /// <summary>Enables row-level security on the call tracking tables of this context's model (PostgreSQL only; idempotent).</summary>
    public static async Task EnableAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Database.IsNpgsql())
        {
            throw new InvalidOperationException("Row-level security is a PostgreSQL feature; this context uses " + context.Database.ProviderName + ".");
        }

        var tables = new[] { typeof(Call), typeof(CallEvent), typeof(TwilioConfiguration) }
            .Select(type => context.Model.FindEntityType(type) ?? throw new InvalidOperationException(
                $"The DbContext has no entity type {type.Name}: call modelBuilder.ApplyCallTrackingModel() in its OnModelCreating, " +
                "or use PostgreSqlCallTrackingDbContext."))
            .Select(entity => (entity.GetSchema(), entity.GetTableName()!))
            .ToArray();
        await context.Database.ExecuteSqlRawAsync(Script(tables), cancellationToken);
    }

    private static string Script((string? Schema, string Table)[] tables)
    {
        var sql = new StringBuilder();
        sql.AppendLine("-- Row-level security for TwilioCallTracking (opt-in). Idempotent: run it again after every migration.")
            .AppendLine(CultureInfo.InvariantCulture, $"-- Rows are visible to and writable by non-owner roles only when tenant_id = current_setting('{TenantSetting}').");
        foreach (var (schema, table) in tables)
        {
            var name = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
            sql.AppendLine(CultureInfo.InvariantCulture, $"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;")
                .AppendLine(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {PolicyName} ON {name};")
                .AppendLine(CultureInfo.InvariantCulture, $"CREATE POLICY {PolicyName} ON {name}")
                .AppendLine(CultureInfo.InvariantCulture, $"    USING (tenant_id = current_setting('{TenantSetting}', true))")
                .AppendLine(CultureInfo.InvariantCulture, $"    WITH CHECK (tenant_id = current_setting('{TenantSetting}', true));");
        }

        return sql.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
