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
using TwilioCallTracking.StoreTests;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// One server under test on a real Kestrel loopback port, in one mode: <c>bare</c> (a POST endpoint that returns 204),
/// <c>validate</c> (the library's webhook group — form, tenant, signature — on an endpoint that does nothing else),
/// <c>sqlite</c> / <c>postgres</c> (the whole library: EF stores, <c>MapTwilioVoiceWebhooks()</c>), <c>ado-sqlite</c> /
/// <c>ado-postgres</c> (the hand-written ADO.NET baseline on the same schema).
/// </summary>
internal sealed class LoadServer : ILoadTarget
{
        private readonly WebApplication _app;
    private readonly List<Func<ValueTask>> _cleanups = [];

    private LoadServer(string mode, WebApplication app, Uri baseAddress, string? database, string? connectionString, FaultInjector? faults)
    {
        Mode = mode;
        _app = app;
        BaseAddress = baseAddress;
        Database = database;
        ConnectionString = connectionString;
        Faults = faults;
    }

    public IReadOnlyList<Uri> BaseAddresses => [BaseAddress];

    public int Hosts => 1;

    public FaultInjector? Faults { get; }

    public Task<string> DescribeAsync() => Task.FromResult(Faults is null ? "" : Faults.ToString());

    public string Mode { get; }

    public Uri BaseAddress { get; }

    /// <summary><c>sqlite</c>, <c>postgres</c> or null (nothing is stored).</summary>
    public string? Database { get; }

    public string? ConnectionString { get; }

    /// <summary>A fresh server in one mode with a fresh database (the in-process path: no sweeper).</summary>
    public static async Task<LoadServer> StartAsync(string mode, TestTenant tenant, PostgresCluster? cluster, FaultInjector? faults = null, int poolSize = 200)
    {
        var (database, connectionString, cleanup) = await CreateDatabaseAsync(mode, cluster, poolSize);
        try
        {
            var server = await StartAsync(new ServerSettings(mode, tenant, database, connectionString, Prepare: true, TwilioApi: null, faults));
            server._cleanups.Add(cleanup);
            return server;
        }
        catch
        {
            await cleanup();
            throw;
        }
    }

    /// <summary>
    /// A fresh database for <paramref name="mode"/> (none for <c>bare</c> and <c>validate</c>): a SQLite file in a temp
    /// folder, or a new database in the cluster with a pool of at most <paramref name="poolSize"/> connections per process.
    /// </summary>
    public static async Task<(string? Database, string? ConnectionString, Func<ValueTask> Cleanup)> CreateDatabaseAsync(string mode, PostgresCluster? cluster, int poolSize)
    {
        if (mode.EndsWith("sqlite", StringComparison.Ordinal))
        {
            var folder = Directory.CreateTempSubdirectory("tct-load-sqlite-").FullName;
            return ("sqlite", $"Data Source={Path.Combine(folder, "calls.db")};Pooling=True;Default Timeout=30", () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, true);
                return ValueTask.CompletedTask;
            });
        }

        if (mode.EndsWith("postgres", StringComparison.Ordinal))
        {
            // The cluster allows 300 connections: pools × processes (+ a few for seeding and checks) must stay below.
            var connectionString = new NpgsqlConnectionStringBuilder(await cluster!.CreateDatabaseAsync("load")) { MaxPoolSize = poolSize }.ConnectionString;
            return ("postgres", connectionString, () =>
            {
                NpgsqlConnection.ClearAllPools();
                return ValueTask.CompletedTask;
            });
        }

        return (null, null, () => ValueTask.CompletedTask);
    }

    /// <summary>
    /// Starts a server on the database <paramref name="settings"/> names. <see cref="ServerSettings.Prepare"/>: migrate
    /// the schema and store the tenant first (once per database, not by every host). <see cref="ServerSettings.TwilioApi"/>:
    /// run the reconciliation sweeper against that (fake) Twilio with a short interval.
    /// </summary>
    public static async Task<LoadServer> StartAsync(ServerSettings settings)
    {
        var (mode, tenant, database, connectionString) = (settings.Mode, settings.Tenant, settings.Database, settings.ConnectionString);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Logging.ClearProviders();
        if (settings.Log is not null)
        {
            builder.Logging.AddProvider(settings.Log);
        }

        var library = mode is "validate" or "sqlite" or "postgres" || database is not null;
        if (library)
        {
            var tracking = builder.Services.AddTwilioCallTracking(o =>
            {
                o.EncryptionKey = TestKeys.EncryptionKey;
                o.AllowPrivateNetworkUrls = true;
                o.Reconciliation.Enabled = settings.TwilioApi is not null && database is not null;
                if (settings.TwilioApi is not null)
                {
                    o.TwilioApiBaseUrl = settings.TwilioApi;
                    Sweeper.Configure(o.Reconciliation);
                }
            });
            var faults = settings.Faults;
            if (database == "sqlite")
            {
                tracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => Intercept(db.UseSqlite(connectionString), faults));
            }
            else if (database == "postgres")
            {
                tracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => Intercept(db.UseNpgsql(connectionString), faults));
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
            catch (Exception ex) when (!IsInjected(ex) && Interlocked.Increment(ref reported) <= 3)
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
                var baseline = new AdoBaseline(database == "postgres", connectionString!, tenant.AuthToken, settings.Faults);
                app.MapPost("/api/twilio/voice/{kind}", (HttpContext http, string kind) => baseline.HandleAsync(http, kind));
                break;
            default:
                throw new ArgumentException($"Unknown mode '{mode}': bare, validate, sqlite, postgres, ado-sqlite, ado-postgres.");
        }

        if (database is not null && settings.Prepare)
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

        if (library && (settings.Prepare || database is null))
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
        return new LoadServer(mode, app, new Uri(address.TrimEnd('/') + "/"), database, connectionString, settings.Faults);
    }

    private static DbContextOptionsBuilder Intercept(DbContextOptionsBuilder db, FaultInjector? faults) => faults is null ? db : db.AddInterceptors(faults);

    private static bool IsInjected(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is InjectedDatabaseFault)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Creates the workload's calls as the library does when it places an outbound call (queued, SID known).</summary>
    public async Task SeedAsync(TestTenant tenant, IReadOnlyList<PlannedCall> calls)
    {
        if (Faults is not null)
        {
            Faults.Armed = false;
        }

        try
        {
            await SeedWithAsync(_app.Services, tenant, calls);
        }
        finally
        {
            if (Faults is not null)
            {
                Faults.Armed = true;
            }
        }
    }

    public static async Task SeedWithAsync(IServiceProvider services, TestTenant tenant, IReadOnlyList<PlannedCall> calls)
    {
        var store = services.GetRequiredService<ICallStore>();
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
        foreach (var cleanup in _cleanups)
        {
            await cleanup();
        }
    }
}

/// <summary>How to start one server: mode, tenant, database, and what else runs in it.</summary>
/// <param name="Prepare">Migrate the schema and store the tenant (once per database).</param>
/// <param name="TwilioApi">Run the reconciliation sweeper against this Twilio REST base address; null: no sweeper.</param>
/// <param name="Faults">Fail a fraction of the write transactions (<c>--fail-batches</c>).</param>
/// <param name="Port">The loopback port; 0 = any free one.</param>
/// <param name="Log">Where the server's log goes (the host sub-mode counts the sweeper's events); null: nowhere.</param>
internal sealed record ServerSettings(
    string Mode, TestTenant Tenant, string? Database, string? ConnectionString, bool Prepare, Uri? TwilioApi, FaultInjector? Faults,
    int Port = 0, ILoggerProvider? Log = null);

/// <summary>The reconciliation sweeper's settings under load: short interval and lease, so it works while the webhooks arrive.</summary>
internal static class Sweeper
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    public static void Configure(ReconciliationOptions reconciliation)
    {
        reconciliation.Enabled = true;
        reconciliation.Interval = Interval;
        reconciliation.BatchSize = 10;
        reconciliation.LeaseDuration = Lease;
        reconciliation.PriceDelay = TimeSpan.Zero;
        reconciliation.FirstRetryDelay = TimeSpan.FromSeconds(1);
        reconciliation.MaxRetryDelay = TimeSpan.FromSeconds(5);
        reconciliation.MaxAttempts = 12;
    }
}
