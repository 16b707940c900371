using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// PostgreSQL row-level security on the call tracking tables, forced on their owner too: every role but superusers and
/// <c>BYPASSRLS</c> roles sees and writes only the rows of the tenant its transaction names in <c>app.tenant_id</c>.
/// The stores' lookups across tenants go through one narrow clause instead: a transaction that sets
/// <see cref="AllTenantsSetting"/> may read <c>calls</c>, <c>twilio_configurations</c>, <c>call_notifications</c> and
/// <c>call_notification_deliveries</c>, and update (claim) calls and deliveries of any tenant; never insert or delete,
/// and never touch <c>call_events</c> or <c>webhook_subscriptions</c>.
/// </summary>
/// <remarks>
/// What it protects against is a query that forgets its tenant (raw SQL, <c>IgnoreQueryFilters</c>, a missing
/// <c>Where</c>): it sees one tenant, or nothing. It is not a wall against code that can run any SQL as the
/// application's role, which could set either setting itself.
/// </remarks>
internal static class RowLevelSecurityScript
{
    /// <summary>The transaction setting naming the tenant (<c>CallTrackingRowLevelSecurity.TenantSetting</c>).</summary>
    public const string TenantSetting = "app.tenant_id";

    /// <summary>The transaction setting that only the stores' lookups across tenants set (to <see cref="On"/>).</summary>
    public const string AllTenantsSetting = "twilio_call_tracking.all_tenants";

    /// <summary>The value of <see cref="AllTenantsSetting"/> that opens the lookups' clause.</summary>
    public const string On = "on";

    /// <summary>The policy every table has: its rows belong to the transaction's tenant.</summary>
    public const string TenantPolicy = "tenant_isolation";

    // Marks the policies this version writes; a database whose policies all carry it is left alone.
    private const string Marker = "TwilioCallTracking row-level security, version 2";

    private static readonly string IsTenant = $"tenant_id = current_setting('{TenantSetting}', true)";
    private static readonly string IsAllTenants = $"current_setting('{AllTenantsSetting}', true) = '{On}'";

    // (policy, command, USING, WITH CHECK) per table: the tenant's own rows, and the stores' narrow reach across tenants.
    private static readonly (string Name, string Command, string Using, string? Check)[] TenantOnly = [(TenantPolicy, "ALL", IsTenant, IsTenant)];
    private static readonly (string Name, string Command, string Using, string? Check)[] Lookup = [.. TenantOnly, ("all_tenants_lookup", "SELECT", IsAllTenants, null)];
    private static readonly (string Name, string Command, string Using, string? Check)[] LookupAndClaim = [.. Lookup, ("all_tenants_claim", "UPDATE", IsAllTenants, IsAllTenants)];

    /// <summary>The script for the tables of the default model, in <paramref name="schema"/> with <paramref name="tablePrefix"/>.</summary>
    public static string Script(string? schema, string tablePrefix) => Script(Tables(schema, new CallTrackingNames(new CallTrackingModelOptions { TablePrefix = tablePrefix })));

    /// <summary>The script for the call tracking tables of <paramref name="model"/>.</summary>
    public static string Script(IModel model) => Script(Tables(model));

    /// <summary>
    /// Enables (or updates) the policies on <paramref name="db"/>'s tables, in one transaction; nothing happens when
    /// they are in place already, so starting a host takes no table lock and needs no ownership then.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!CallTrackingProviders.IsPostgreSql(db))
        {
            throw new InvalidOperationException("Row-level security is a PostgreSQL feature; this context uses " + db.Database.ProviderName + ".");
        }

        var tables = Tables(db.Model);
        var current = await db.Database.SqlQueryRaw<int>(CountCurrentPolicies(tables)).SingleAsync(cancellationToken);
        if (current == tables.Sum(t => t.Policies.Length))
        {
            return;
        }

        // Two hosts migrating at once: the first ALTER TABLE's lock makes the second wait, then redo the same.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlRawAsync(Script(tables), ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);
    }

    // Per table, what the stores' lookups across tenants may do besides the tenant's own rows: the sweeper claims calls,
    // the webhooks find their tenant's configuration, the dispatcher lists notifications and claims deliveries.
    private static (string Name, (string Name, string Command, string Using, string? Check)[] Policies)[] Tables(string? schema, CallTrackingNames names) =>
    [
        (Name(schema, names.Calls), LookupAndClaim),
        (Name(schema, names.CallEvents), TenantOnly),
        (Name(schema, names.TwilioConfigurations), Lookup),
        (Name(schema, names.CallNotifications), Lookup),
        (Name(schema, names.NotificationDeliveries), LookupAndClaim),
        (Name(schema, names.WebhookSubscriptions), TenantOnly),
    ];

    private static (string Name, (string Name, string Command, string Using, string? Check)[] Policies)[] Tables(IModel model)
    {
        (string, (string Name, string Command, string Using, string? Check)[]) Table(Type type, (string Name, string Command, string Using, string? Check)[] policies)
        {
            var entity = model.FindEntityType(type) ?? throw CallTrackingModelMissing.For(type);
            return (Name(entity.GetSchema(), entity.GetTableName()!), policies);
        }

        return
        [
            Table(typeof(Call), LookupAndClaim),
            Table(typeof(CallEvent), TenantOnly),
            Table(typeof(TwilioConfiguration), Lookup),
            Table(typeof(CallNotification), Lookup),
            Table(typeof(NotificationDelivery), LookupAndClaim),
            Table(typeof(WebhookSubscription), TenantOnly),
        ];
    }

    private static string Script((string Name, (string Name, string Command, string Using, string? Check)[] Policies)[] tables)
    {
        var sql = new StringBuilder()
            .AppendLine("-- Row-level security for TwilioCallTracking: on by default on PostgreSQL, where MigrateCallTrackingDatabaseAsync()")
            .AppendLine("-- applies it after the migrations. Idempotent; run it in one transaction (psql --single-transaction) after migrating.")
            .AppendLine(CultureInfo.InvariantCulture, $"-- Every role, the tables' owner included (FORCE), sees and writes only rows whose {IsTenant}:")
            .AppendLine("-- the stores name the tenant at the start of each transaction. Their lookups across tenants (a webhook's tenant by")
            .AppendLine(CultureInfo.InvariantCulture, $"-- number or account, the sweeper's and the notification dispatcher's claims) set {AllTenantsSetting} = '{On}' in their")
            .AppendLine("-- own transaction, which lets them read calls, twilio_configurations, call_notifications and call_notification_deliveries")
            .AppendLine("-- and update (claim) calls and deliveries, nothing else. Superusers and BYPASSRLS roles are not restricted.");
        foreach (var (table, policies) in tables)
        {
            sql.AppendLine(CultureInfo.InvariantCulture, $"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;")
                .AppendLine(CultureInfo.InvariantCulture, $"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;");
            foreach (var (name, command, usingClause, check) in policies)
            {
                sql.AppendLine(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {name} ON {table};")
                    .AppendLine(CultureInfo.InvariantCulture, $"CREATE POLICY {name} ON {table} FOR {command}")
                    .Append(CultureInfo.InvariantCulture, $"    USING ({usingClause})");
                if (check is not null)
                {
                    sql.AppendLine().Append(CultureInfo.InvariantCulture, $"    WITH CHECK ({check})");
                }

                sql.AppendLine(";")
                    .AppendLine(CultureInfo.InvariantCulture, $"COMMENT ON POLICY {name} ON {table} IS '{Marker}';");
            }
        }

        return sql.ToString();
    }

    // How many of the tables' policies this version wrote, on tables whose row-level security is enabled and forced.
    private static string CountCurrentPolicies((string Name, (string Name, string Command, string Using, string? Check)[] Policies)[] tables) =>
        $"""
        SELECT count(*)::int AS "Value" FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.oid IN ({string.Join(", ", tables.Select(t => $"to_regclass('{t.Name.Replace("'", "''", StringComparison.Ordinal)}')"))})
          AND c.relrowsecurity AND c.relforcerowsecurity
          AND obj_description(p.oid, 'pg_policy') = '{Marker}'
        """;

    private static string Name(string? schema, string table) => schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
