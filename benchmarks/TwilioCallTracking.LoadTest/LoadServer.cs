using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// One server under test on a real Kestrel loopback port, in one mode: <c>bare</c> (a POST endpoint that returns 204),
/// <c>validate</c> (the library's webhook group — form, tenant, signature — on an endpoint that does nothing else),
/// <c>sqlite</c> / <c>postgres</c> (the whole library: EF stores, <c>MapTwilioVoiceWebhooks()</c>), <c>ado-sqlite</c> /
/// <c>ado-postgres</c> (the hand-written ADO.NET baseline on the same schema).
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    private const string EncryptionKey = "load-test-encryption-key-0123456789-abcdef";
    private readonly WebApplication _app;
    private readonly Func<ValueTask>? _cleanup;

    private LoadServer(string mode, WebApplication app, Uri baseAddress, string? database, string? connectionString, Func<ValueTask>? cleanup)
    {
        Mode = mode;
        _app = app;
        BaseAddress = baseAddress;
        Database = database;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    public string Mode { get; }

    public Uri BaseAddress { get; }

    /// <summary><c>sqlite</c>, <c>postgres</c> or null (nothing is stored).</summary>
    public string? Database { get; }

    public string? ConnectionString { get; }

    public bool Stores => Database is not null;

    /// <summary>The path each kind of webhook is posted to in this mode.</summary>
    public string Route(string kind) => Mode switch
    {
        "validate" => "/api/twilio/voice/noop",
        _ => "/api/twilio/voice/" + kind,
    };

    public static async Task<LoadServer> StartAsync(string mode, LoadTenant tenant, PostgresCluster? cluster)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        string? database = null, connectionString = null;
        Func<ValueTask>? cleanup = null;
        if (mode.EndsWith("sqlite", StringComparison.Ordinal))
        {
            database = "sqlite";
            var folder = Directory.CreateTempSubdirectory("tct-load-sqlite-").FullName;
            connectionString = $"Data Source={Path.Combine(folder, "calls.db")};Pooling=True;Default Timeout=30";
            cleanup = () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, true);
                return ValueTask.CompletedTask;
            };
        }
        else if (mode.EndsWith("postgres", StringComparison.Ordinal))
        {
            database = "postgres";
            // The cluster allows 300 connections: one pool of at most 200, closed with the server, leaves room for the rest.
            connectionString = new NpgsqlConnectionStringBuilder(await cluster!.CreateDatabaseAsync("load")) { MaxPoolSize = 200 }.ConnectionString;
            cleanup = () =>
            {
                NpgsqlConnection.ClearAllPools();
                return ValueTask.CompletedTask;
            };
        }

        var library = mode is "validate" or "sqlite" or "postgres" || database is not null;
        if (library)
        {
            var tracking = builder.Services.AddTwilioCallTracking(o =>
            {
                o.EncryptionKey = EncryptionKey;
                o.Reconciliation.Enabled = false;
            });
            if (database == "sqlite")
            {
                tracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString));
            }
            else if (database == "postgres")
            {
                tracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
            }
        }

        var app = builder.Build();
        var reported = 0;
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (Interlocked.Increment(ref reported) <= 3)
            {
                // A 500 is a lost webhook: say why (the first three), then let Kestrel answer 500.
                Console.WriteLine($"# {mode}: unhandled {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                throw;
            }
        });
        switch (mode)
        {
            case "bare":
                app.MapPost("/api/twilio/voice/{kind}", () => Results.NoContent());
                break;
            case "validate":
                app.MapTwilioVoiceWebhooks().MapPost("/noop", () => Results.NoContent());
                break;
            case "sqlite" or "postgres":
                app.MapTwilioVoiceWebhooks();
                break;
            case "ado-sqlite" or "ado-postgres":
                var baseline = new AdoBaseline(database == "postgres", connectionString!, tenant.AuthToken);
                app.MapPost("/api/twilio/voice/{kind}", (HttpContext http, string kind) => baseline.HandleAsync(http, kind));
                break;
            default:
                throw new ArgumentException($"Unknown mode '{mode}': bare, validate, sqlite, postgres, ado-sqlite, ado-postgres.");
        }

        if (database is not null)
        {
            await app.Services.MigrateCallTrackingDatabaseAsync();
            if (database == "sqlite")
            {
                // WAL: readers do not block the writer; what any SQLite app under concurrent load is configured with.
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
                await command.ExecuteNonQueryAsync();
            }
        }

        if (library)
        {
            using var scope = app.Services.CreateScope();
            var errors = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(tenant.TenantId, new TwilioSettings
            {
                AccountSid = tenant.AccountSid,
                AuthToken = tenant.AuthToken,
                PhoneNumber = tenant.PhoneNumber,
                ForwardToNumber = tenant.ForwardToNumber,
            });
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Tenant rejected: " + string.Join("; ", errors.Select(e => e.ToString())));
            }
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoadServer(mode, app, new Uri(address.TrimEnd('/') + "/"), database, connectionString, cleanup);
    }

    /// <summary>Creates the workload's calls as the library does when it places an outbound call (queued, SID known).</summary>
    public async Task SeedAsync(LoadTenant tenant, IReadOnlyList<PlannedCall> calls)
    {
        var store = _app.Services.GetRequiredService<ICallStore>();
        var next = -1;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls.Count)
            {
                var planned = calls[i];
                var now = DateTimeOffset.UtcNow;
                var call = new Call
                {
                    Id = planned.Id,
                    TenantId = tenant.TenantId,
                    TwilioCallSid = planned.Sid,
                    From = tenant.PhoneNumber,
                    To = planned.To,
                    Direction = CallDirection.Outbound,
                    TwilioDirection = CallDirectionNames.OutboundApi,
                    Status = CallStatus.Queued,
                    CreatedAt = now,
                };
                var requested = new CallEvent
                {
                    Id = Guid.CreateVersion7(now),
                    CallId = call.Id,
                    TenantId = tenant.TenantId,
                    EventType = CallEventTypes.OutboundRequested,
                    EventData = "{}",
                    DeduplicationKey = $"{CallEventTypes.OutboundRequested}:{Guid.NewGuid():N}",
                    CreatedAt = now,
                };
                var created = await store.CreateAsync(call, requested);
                if (!created.Created)
                {
                    throw new InvalidOperationException($"Seeding call {planned.Id} failed.");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }
}
