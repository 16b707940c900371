using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Contract;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>
/// What a person sees with plain SQL: the seed's "Database Queries for Testing" run as written on both databases,
/// enum columns hold Twilio's strings, and the auth token column holds only ciphertext. On PostgreSQL the session first
/// names its tenant, as row-level security (forced on the tables' owner too) asks of anyone but a superuser.
/// </summary>
public abstract class SchemaAsSeenInSqlTests(StoreHost host)
{
    [SkippableFact]
    public async Task SeedQueries_RunAsWritten_AndShowTwilioStrings()
    {
        var store = await host.CallStoreAsync();
        var tenant = NewTenant();
        var inbound = NewCall(tenant, createdAt: DateTimeOffset.UtcNow.AddDays(1), configure: c =>
        {
            c.Direction = CallDirection.Inbound;
            c.TwilioDirection = "inbound";
            c.Status = CallStatus.InProgress;
            c.RecordingUrl = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";
            c.DurationSeconds = 12;
        });
        await store.CreateAsync(inbound, NewEvent(inbound, "inbound-answered"));
        await store.SaveChangeAsync(new VersionedChange(tenant, inbound.Id, 1, null, NewEvent(inbound, "in-progress", at: inbound.CreatedAt.AddSeconds(2))));
        var outbound = NewCall(tenant, createdAt: DateTimeOffset.UtcNow.AddDays(1).AddSeconds(1), configure: c => c.Status = CallStatus.NoAnswer);
        await store.CreateAsync(outbound, NewEvent(outbound, "outbound-requested"));

        var recent = await QueryAsync(tenant, "SELECT * FROM calls\nORDER BY created_at DESC\nLIMIT 10;", "direction", "status");
        var timeline = await QueryAsync(
            tenant,
            $"SELECT c.*, ce.event_type, ce.created_at as event_time\nFROM calls c\nLEFT JOIN call_events ce ON c.id = ce.call_id\nWHERE c.twilio_call_sid = '{inbound.TwilioCallSid}'\nORDER BY ce.created_at;",
            "event_type", "status");
        var recordings = await QueryAsync(
            tenant,
            "SELECT from_number, to_number, duration_seconds, recording_url\nFROM calls\nWHERE recording_url IS NOT NULL;", "recording_url", "to_number");

        Assert.Equal([("outbound", "no-answer"), ("inbound", "in-progress")], recent.Take(2));
        Assert.Equal([("inbound-answered", "in-progress"), ("in-progress", "in-progress")], timeline);
        Assert.Contains((inbound.RecordingUrl, inbound.To), recordings);
    }

    [SkippableFact]
    public async Task AuthToken_IsStoredOnlyAsCiphertext()
    {
        var services = await host.ServicesAsync();
        var tenant = NewTenant();
        const string token = "f00dfeedf00dfeedf00dfeedf00dfeed";
        await using (var scope = services.CreateAsyncScope())
        {
            var configurations = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();
            Assert.Empty(await configurations.SaveAsync(tenant, new TwilioSettings
            {
                AccountSid = TwilioPayloads.NewSid("AC"),
                AuthToken = token,
                PhoneNumber = "+1888" + Random.Shared.Next(1_000_000, 9_999_999),
            }));
            var saved = (await configurations.FindAsync(tenant))!;
            Assert.Equal(token, scope.ServiceProvider.GetRequiredService<IAuthTokenProtector>().Unprotect(saved.ProtectedAuthToken, AuthTokenOwner.For(saved)));
        }

        var row = await QueryAsync(tenant, $"SELECT * FROM twilio_configurations WHERE tenant_id = '{tenant}'", "auth_token_encrypted", "recording_mode");

        var (stored, recordingMode) = Assert.Single(row);
        Assert.StartsWith("v2.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("record-from-ringing-dual", recordingMode);
    }

    /// <summary>Runs SQL on the host's database as <paramref name="tenant"/> and returns two columns of each row as text.</summary>
    private async Task<List<(string?, string?)>> QueryAsync(string tenant, string sql, string first, string second)
    {
        var services = await host.ServicesAsync();
        await using var db = await OpenAsync(services);
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT set_config('app.tenant_id', {0}, false)", tenant);
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<(string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Text(reader, first), Text(reader, second)));
        }

        return rows;
    }

    private static string? Text(DbDataReader reader, string column) =>
        reader[column] is var value && value is DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    protected abstract Task<DbContext> OpenAsync(IServiceProvider services);
}

/// <summary>The seed's SQL on SQLite.</summary>
public sealed class SqliteSchemaAsSeenInSqlTests(SqliteStoreHost host) : SchemaAsSeenInSqlTests(host), IClassFixture<SqliteStoreHost>
{
    protected override async Task<DbContext> OpenAsync(IServiceProvider services) =>
        await services.GetRequiredService<IDbContextFactory<SqliteCallTrackingDbContext>>().CreateDbContextAsync();
}

/// <summary>The seed's SQL on PostgreSQL.</summary>
public sealed class PostgreSqlSchemaAsSeenInSqlTests(PostgreSqlStoreHost host) : SchemaAsSeenInSqlTests(host), IClassFixture<PostgreSqlStoreHost>
{
    protected override async Task<DbContext> OpenAsync(IServiceProvider services) =>
        await services.GetRequiredService<IDbContextFactory<PostgreSqlCallTrackingDbContext>>().CreateDbContextAsync();
}
