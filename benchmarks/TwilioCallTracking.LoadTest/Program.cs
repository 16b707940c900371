using System.Globalization;
using TwilioCallTracking.LoadTest;
using TwilioCallTracking.Testing;

// Webhook load on a real Kestrel loopback port. Usage:
//   dotnet run -c Release --project benchmarks/TwilioCallTracking.LoadTest -- [--quick]
//       [--modes bare,validate,sqlite,postgres,ado-sqlite,ado-postgres] [--concurrency 1,8,64,256]
//       [--calls 1:1000,8:4000,64:18182,256:18182] [--seed 42] [--time-limit 180] [--diagnose]
// Each mode gets a fresh server (and a fresh database); each concurrency level a fresh set of calls (5 unique webhooks
// each + 10 % duplicates), seeded first for the storing modes, then verified against the database after the run.
var options = LoadOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;
Console.WriteLine($"# TwilioCallTracking load test ({(options.Quick ? "quick" : "full")}), seed {options.Seed}");
Console.WriteLine($"# machine: {Environment.ProcessorCount} cores, {Memory()}, .NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine($"# server and load generator in one process (server GC), loopback HTTP/1.1 keep-alive, signature validation on");

var tenant = new LoadTenant("tenant-load", "AC" + new string('a', 32), "0123456789abcdef0123456789abcdef", "+18777804236", "+14155550199");
PostgresCluster? cluster = null;
if (options.Modes.Any(m => m.EndsWith("postgres", StringComparison.Ordinal)))
{
    cluster = await PostgresCluster.StartAsync();
    Console.WriteLine($"# PostgreSQL: throwaway cluster on 127.0.0.1:{cluster.Port} (PostgresCluster, fsync=off)");
}

using var efEvents = options.Diagnose ? new EfEventCounter() : null;
var results = new List<(string Mode, LoadResult Result, Verification? Verification)>();
var failed = false;
try
{
    foreach (var mode in options.Modes)
    {
        await using var server = await LoadServer.StartAsync(mode, tenant, cluster);
        var baseUrl = server.BaseAddress.ToString().TrimEnd('/');

        // Warm-up: JIT, connection pools, the database's caches; not measured.
        var (warmCalls, warm) = Workload.Generate(tenant, options.Quick ? 100 : 300, options.Seed + 1000, baseUrl, server.Route);
        if (server.Stores)
        {
            await server.SeedAsync(tenant, warmCalls);
        }

        var warmResult = await LoadRunner.RunAsync(server.BaseAddress, warm, 8, TimeSpan.FromSeconds(60));
        if (warmResult.StatusCounts.Keys.Any(s => s != 204))
        {
            Console.WriteLine($"# {mode}: warm-up answered {Describe(warmResult.StatusCounts)}");
        }

        foreach (var concurrency in options.Concurrency)
        {
            var calls = options.CallsAt(concurrency);
            var (planned, webhooks) = Workload.Generate(tenant, calls, options.Seed + concurrency, baseUrl, server.Route);
            long before = 0;
            if (server.Stores)
            {
                await server.SeedAsync(tenant, planned);
                before = await Verifier.CountEventsAsync(server);
            }

            efEvents?.Reset();
            var result = await LoadRunner.RunAsync(server.BaseAddress, webhooks, concurrency, TimeSpan.FromSeconds(options.TimeLimitSeconds));
            if (efEvents is not null && server.Stores)
            {
                Console.WriteLine(string.Join(Environment.NewLine, efEvents.Counts.Take(14).Select(c =>
                    string.Create(culture, $"{"",-13} EF {c.Name.Replace("Microsoft.EntityFrameworkCore.", "", StringComparison.Ordinal)}: {c.Count:N0} ({(double)c.Count / result.Completed:0.00} per webhook)"))));
            }
            Verification? verification = null;
            if (server.Stores)
            {
                var expected = result.Sent == webhooks.Length ? (long)calls * Workload.UniquePerCall : -1;
                verification = await Verifier.VerifyAsync(server, planned, before, expected);
                failed |= !verification.Passed;
            }

            failed |= result.StatusCounts.Keys.Any(s => s != 204);
            results.Add((mode, result, verification));
            Console.WriteLine(string.Create(culture,
                $"{mode,-13} c={concurrency,-4} {result.Completed,7:N0} req ({calls:N0} calls) in {result.Elapsed.TotalSeconds,6:0.0} s  {result.RequestsPerSecond,8:N0} req/s  " +
                $"p50 {result.P50Ms,7:0.00} ms  p95 {result.P95Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  max {result.MaxMs,7:0.0} ms  [{Describe(result.StatusCounts)}]"));
            if (verification is not null)
            {
                Console.WriteLine($"{"",-13} verify: {verification}");
            }
        }
    }
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine($"# load average after: {LoadAverage()}");
Console.WriteLine("| mode | concurrency | requests | req/s | × bare | p50 ms | p95 ms | p99 ms | responses | verification |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
foreach (var (mode, result, verification) in results)
{
    var bare = results.FirstOrDefault(r => r.Mode == "bare" && r.Result.Concurrency == result.Concurrency).Result;
    var ratio = bare is null ? "" : (result.RequestsPerSecond / bare.RequestsPerSecond).ToString("0.00", culture);
    Console.WriteLine(string.Create(culture,
        $"| {mode} | {result.Concurrency} | {result.Completed:N0} | {result.RequestsPerSecond:N0} | {ratio} | {result.P50Ms:0.00} | {result.P95Ms:0.00} | {result.P99Ms:0.00} | {Describe(result.StatusCounts)} | " +
        $"{(verification is null ? "–" : verification.Passed ? $"pass: +{verification.EventsAdded:N0} events, 0 lost, 0 dup, {verification.CallsRight:N0}/{verification.CallsExpected:N0} calls" : "FAIL")} |"));
}

foreach (var pair in new[] { ("sqlite", "ado-sqlite"), ("postgres", "ado-postgres") })
{
    foreach (var (mode, result, _) in results.Where(r => r.Mode == pair.Item1))
    {
        var ado = results.FirstOrDefault(r => r.Mode == pair.Item2 && r.Result.Concurrency == result.Concurrency).Result;
        if (ado is not null)
        {
            Console.WriteLine(string.Create(culture, $"# {mode} / {pair.Item2} at c={result.Concurrency}: {result.RequestsPerSecond / ado.RequestsPerSecond:0.00}"));
        }
    }
}

Console.WriteLine(failed ? "# RESULT: FAILED (a response other than 204, or the database lost or duplicated something)" : "# RESULT: every webhook answered 204 and accounted for");
return failed ? 1 : 0;

static string Describe(IReadOnlyDictionary<int, int> counts) =>
    string.Join(", ", counts.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{(p.Key < 0 ? "error" : p.Key.ToString(CultureInfo.InvariantCulture))}×{p.Value:N0}")));

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Memory()
{
    var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
    return line is null ? "memory n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024} GiB";
}

internal sealed record LoadOptions(bool Diagnose, bool Quick, string[] Modes, int[] Concurrency, Dictionary<int, int> Calls, int Seed, double TimeLimitSeconds)
{
    public int CallsAt(int concurrency) => Calls.TryGetValue(concurrency, out var calls) ? calls : Calls.Values.Max();

    public static LoadOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var modes = (Value("--modes") ?? "bare,validate,sqlite,ado-sqlite,postgres,ado-postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var concurrency = (Value("--concurrency") ?? (quick ? "1,8,64" : "1,8,64,256")).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var calls = (Value("--calls") ?? (quick ? "1:100,8:400,64:600,256:600" : "1:1000,8:4000,64:18182,256:18182"))
            .Split(',').Select(p => p.Split(':')).ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var seed = int.Parse(Value("--seed") ?? "42", CultureInfo.InvariantCulture);
        var limit = double.Parse(Value("--time-limit") ?? (quick ? "30" : "180"), CultureInfo.InvariantCulture);
        return new LoadOptions(args.Contains("--diagnose"), quick, modes, concurrency, calls, seed, limit);
    }
}
