using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TwilioCallTracking.Testing;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Databases;

namespace TwilioCallTracking.EntityFramework.Tests.Migrations;

/// <summary>The shipped migrations and SQL scripts: they apply to empty databases and match the model exactly.</summary>
public sealed class MigrationTests
{
    /// <summary>The seed's columns ("Database Schema") plus what the core model added, plus the reconciliation bookkeeping.</summary>
    private static readonly string[] CallColumns =
    [
        "id", "tenant_id", "twilio_call_sid", "from_number", "to_number", "direction", "status", "duration_seconds", "recording_url",
        "price", "contact_id", "user_id", "created_at", "answered_at", "ended_at", "parent_call_sid", "twilio_direction",
        "recording_sid", "recording_duration_seconds", "price_unit", "dial_call_status", "error_code", "error_message", "version",
        "contact_ambiguous", "reconcile_attempts", "reconcile_next_at", "reconcile_lease_id", "reconcile_lease_expires_at",
    ];

    private static readonly string[] EventColumns =
        ["id", "call_id", "event_type", "event_data", "created_at", "tenant_id", "deduplication_key", "sequence_number"];

    /// <summary>The notification outbox, its deliveries and the webhook subscriptions (issue #14).</summary>
    private static readonly (string Table, string[] Columns)[] NotificationTables =
    [
        ("call_notifications", ["id", "tenant_id", "call_id", "type", "occurred_at", "data_version", "data", "dispatched_at"]),
        ("call_notification_deliveries",
        [
            "id", "notification_id", "tenant_id", "target", "state", "attempts", "next_attempt_at", "lease_id", "lease_expires_at", "created_at",
            "last_attempt_at", "last_status_code", "last_error", "delivered_at",
        ]),
        ("webhook_subscriptions", ["id", "tenant_id", "url", "event_types", "protected_secret", "enabled", "description", "created_at", "updated_at"]),
    ];

    [Fact]
    public async Task Sqlite_EmptyDatabase_MigratesToTheModelWithNothingPending()
    {
        await using var db = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(TestDatabases.NewSqlite()));

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(CallColumns.Order(), (await ColumnsAsync(db, "SELECT name FROM pragma_table_info('calls')")).Order());
        Assert.Equal(EventColumns.Order(), (await ColumnsAsync(db, "SELECT name FROM pragma_table_info('call_events')")).Order());
        foreach (var (table, columns) in NotificationTables)
        {
            Assert.Equal(columns.Order(), (await ColumnsAsync(db, $"SELECT name FROM pragma_table_info('{table}')")).Order());
        }
    }

    [Fact]
    public async Task Sqlite_FileOpenedBeforeItIsMigrated_StillEndsInWalMode()
    {
        var connectionString = TestDatabases.NewSqlite();
        var services = new ServiceCollection().AddLogging();
        services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey)
            .AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString));
        await using var provider = services.BuildServiceProvider();

        // A host that starts before it migrates reads the store first (the auth-token upgrade does): SQLite creates the file.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            provider.GetRequiredService<ITwilioConfigurationStore>().ListAsync(null, 10));
        await provider.MigrateCallTrackingDatabaseAsync();

        await using var db = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(connectionString));
        Assert.Equal(["wal"], await ColumnsAsync(db, "PRAGMA journal_mode"));
    }

    [SkippableFact]
    public async Task PostgreSql_EmptyDatabase_MigratesToTheModelWithNothingPending()
    {
        await using var db = new PostgreSqlCallTrackingDbContext(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(await TestDatabases.NewPostgreSqlAsync()));

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(CallColumns.Order(), (await ColumnsAsync(db, Columns("calls"))).Order());
        Assert.Equal(EventColumns.Order(), (await ColumnsAsync(db, Columns("call_events"))).Order());
        foreach (var (table, columns) in NotificationTables)
        {
            Assert.Equal(columns.Order(), (await ColumnsAsync(db, Columns(table))).Order());
        }

        Assert.Equal(["jsonb"], await ColumnsAsync(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'call_events' AND column_name = 'event_data'"));
    }

    [SkippableFact]
    public async Task PostgreSql_IdempotentScript_AppliesToAnEmptyDatabaseAndAgain()
    {
        var connectionString = await TestDatabases.NewPostgreSqlAsync();
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scripts", "postgresql.sql"));

        await ExecuteAsync(connectionString, script);
        await ExecuteAsync(connectionString, script);

        await using var db = new PostgreSqlCallTrackingDbContext(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(connectionString));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();
    }

    [Fact]
    public async Task Sqlite_Script_CreatesTheMigratedSchema()
    {
        await using var db = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(TestDatabases.NewSqlite()));
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scripts", "sqlite.sql"));

        await db.Database.OpenConnectionAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = script;
            await command.ExecuteNonQueryAsync();
        }

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(CallColumns.Order(), (await ColumnsAsync(db, "SELECT name FROM pragma_table_info('calls')")).Order());
    }

    [Fact]
    public void CheckedInScripts_AreWhatTheMigrationsGenerate()
    {
        // Regenerate with scripts/ef-migrations.sh when this fails after a model change.
        using var postgres = new PostgreSqlCallTrackingDbContext(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>("Host=localhost"));
        using var sqlite = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>("Data Source=:memory:"));

        Assert.Equal(Normalise(postgres.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)), Script("postgresql.sql"));
        Assert.Equal(Normalise(sqlite.GetService<IMigrator>().GenerateScript()), Script("sqlite.sql"));
        Assert.Equal(Normalise(CallTrackingRowLevelSecurity.Script()), Script("postgresql-rls.sql"));
    }

    private static string Script(string name) => Normalise(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", name)));

    private static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Trim();

    private static string Columns(string table) => $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";

    private static async Task<List<string>> ColumnsAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
