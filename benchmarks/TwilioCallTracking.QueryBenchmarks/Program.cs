using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.QueryBenchmarks;
using TwilioCallTracking.Testing;

// Seeds N calls over T tenants into PostgreSQL (a throwaway cluster) and SQLite (a temporary file), then times the two
// queries a CRM runs all day through the real EF Core store: the 50 newest calls of one tenant (and the next page), and
// one call's timeline. Usage:
//   dotnet run -c Release --project benchmarks/TwilioCallTracking.QueryBenchmarks -- [--calls 1000000] [--tenants 100]
//       [--events 3] [--repetitions 500] [--only postgresql|sqlite]
var options = Options.Parse(args);
var data = new SeedData(options.Calls, options.Tenants, options.EventsPerCall);
Console.WriteLine($"# {data.Calls:N0} calls over {data.Tenants} tenants, {data.EventsPerCall} events each; {options.Repetitions} timed runs per query");
Console.WriteLine($"# machine: {Machine.Describe()}");
var rows = new List<string>();

if (options.Only is null or "postgresql")
{
    await using var cluster = await PostgresCluster.StartAsync();
    var connectionString = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync("bench")) { CommandTimeout = 0 }.ConnectionString;
    var dbOptions = new DbContextOptionsBuilder<PostgreSqlCallTrackingDbContext>().UseNpgsql(connectionString).Options;
    await using (var db = new PostgreSqlCallTrackingDbContext(dbOptions))
    {
        await db.Database.MigrateAsync();
        var version = await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").SingleAsync();
        Console.WriteLine($"# PostgreSQL {version}");
    }

    var seeded = await Timed(() => PostgreSqlSeeder.SeedAsync(connectionString, data));
    await using (var db = new PostgreSqlCallTrackingDbContext(dbOptions))
    {
        var size = await db.Database.SqlQueryRaw<string>("SELECT pg_size_pretty(pg_database_size(current_database())) AS \"Value\"").SingleAsync();
        Console.WriteLine($"# PostgreSQL seeded in {seeded.TotalSeconds:0} s (binary COPY, indexes in place), database {size}");
        foreach (var plan in await db.Database.SqlQueryRaw<string>(
            "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM calls WHERE tenant_id = 'tenant-042' AND parent_call_sid IS NULL ORDER BY created_at DESC, id DESC LIMIT 50").ToListAsync())
        {
            Console.WriteLine($"#   {plan}");
        }
    }

    rows.AddRange(await MeasureAsync("PostgreSQL", new PooledDbContextFactory<PostgreSqlCallTrackingDbContext>(dbOptions), data, options));
}

if (options.Only is null or "sqlite")
{
    var folder = Directory.CreateTempSubdirectory("tct-bench-sqlite-").FullName;
    try
    {
        var dbOptions = new DbContextOptionsBuilder<SqliteCallTrackingDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "calls.db")}").Options;
        TimeSpan seeded;
        await using (var db = new SqliteCallTrackingDbContext(dbOptions))
        {
            await db.Database.MigrateAsync();
            Console.WriteLine($"# SQLite {await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync()}");
            seeded = await Timed(() => SqliteSeeder.SeedAsync(db, data));
        }

        Console.WriteLine($"# SQLite seeded in {seeded.TotalSeconds:0} s (one transaction, prepared INSERTs), file {new FileInfo(Path.Combine(folder, "calls.db")).Length / 1_048_576.0:0} MiB");
        rows.AddRange(await MeasureAsync("SQLite", new PooledDbContextFactory<SqliteCallTrackingDbContext>(dbOptions), data, options));
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine("| database | query | rows | median ms | p95 ms | p99 ms | runs |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
rows.ForEach(Console.WriteLine);

static async Task<TimeSpan> Timed(Func<Task> work)
{
    var started = Stopwatch.GetTimestamp();
    await work();
    return Stopwatch.GetElapsedTime(started);
}

static async Task<IEnumerable<string>> MeasureAsync<TContext>(string database, IDbContextFactory<TContext> factory, SeedData data, Options options)
    where TContext : DbContext
{
    var store = new EntityFrameworkCallStore<TContext>(factory);

    // Calls to open, spread over the whole seed; the store must return them exactly as seeded (checks the seeding too).
    var samples = data.Generate().Where((_, i) => i % Math.Max(1, data.Calls / 1000) == 0).Select(s => s.Call).ToList();
    var probe = await store.FindByIdAsync(samples[0].TenantId, samples[0].Id)
        ?? throw new InvalidOperationException("The seeded call is not found through the store: the seed does not match the model.");
    if (probe.CreatedAt != samples[0].CreatedAt || probe.Status != samples[0].Status)
    {
        throw new InvalidOperationException("The seeded call reads back differently through the store.");
    }

    var cursors = new CallCursor?[data.Tenants];
    for (var t = 0; t < data.Tenants; t++)
    {
        cursors[t] = CallCursor.After((await store.ListAsync(SeedData.Tenant(t), new CallQuery { PageSize = 50 }))[^1]);
    }

    var recent = await QueryTimer.MeasureAsync("recent calls: 50 newest of a tenant", 50, options.Repetitions, async i =>
        (await store.ListAsync(SeedData.Tenant(i % data.Tenants), new CallQuery { PageSize = 50 })).Count);
    var next = await QueryTimer.MeasureAsync("recent calls: next page (keyset)", 50, options.Repetitions, async i =>
        (await store.ListAsync(SeedData.Tenant(i % data.Tenants), new CallQuery { PageSize = 50, Before = cursors[i % data.Tenants] })).Count);
    var timeline = await QueryTimer.MeasureAsync("a call's timeline", 50, options.Repetitions, async i =>
        (await store.ListEventsAsync(samples[i % samples.Count].TenantId, samples[i % samples.Count].Id)).Count);
    var find = await QueryTimer.MeasureAsync("find a call by SID (webhook lookup)", 50, options.Repetitions, async i =>
        await store.FindBySidAsync(samples[i % samples.Count].TenantId, samples[i % samples.Count].TwilioCallSid!) is null ? 0 : 1);
    return new[] { recent, next, timeline, find }.Select(t => t.ToMarkdownRow(database));
}

internal sealed record Options(int Calls, int Tenants, int EventsPerCall, int Repetitions, string? Only)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new Options(Number("--calls", 1_000_000), Number("--tenants", 100), Number("--events", 3), Number("--repetitions", 500), Value("--only"));
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1_048_576.0).ToString("0", CultureInfo.InvariantCulture);
        return $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {gib} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
