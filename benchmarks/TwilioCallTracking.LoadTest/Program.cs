using System.Globalization;
using TwilioCallTracking.LoadTest;
using TwilioCallTracking.Testing;

// Webhook load on real Kestrel loopback ports. Usage:
//   dotnet run -c Release --project benchmarks/TwilioCallTracking.LoadTest -- [--quick]
//       [--modes bare,validate,sqlite,postgres,ado-sqlite,ado-postgres] [--concurrency 1,8,64,256]
//       [--calls 1:1000,8:4000,64:18182,256:18182 | --webhooks 100000] [--seed 42] [--time-limit 180] [--diagnose]
//       [--hosts 1|2] [--pool 100] [--fail-batches 0.02] [--max-attempts 5] [--driver httpclient|raw|wrk|compare] [--wrk-seconds 5]
// Each mode gets a fresh server (and a fresh database); each concurrency level a fresh set of calls (5 unique webhooks
// each + 10 % duplicates), seeded first for the storing modes, then verified against the database after the run.
// --hosts N: the modes run through N host processes (this program with --serve) on one database, each with the
// reconciliation sweeper against a loopback fake Twilio; N = 2 measures one host and then two, same run.
if (args.Contains("--serve"))
{
    return await ServeHost.RunAsync(args);
}

var options = LoadOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;
Console.WriteLine($"# TwilioCallTracking load test ({(options.Quick ? "quick" : "full")}), seed {options.Seed}");
Console.WriteLine($"# machine: {Environment.ProcessorCount} cores, {Memory()}, .NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine(options.Hosts is null
    ? $"# server and load generator ({options.Driver}) in one process (server GC), loopback HTTP/1.1 keep-alive, signature validation on"
    : $"# {options.Hosts} webhook host process(es) per mode (this program with --serve, server GC), round robin, reconciliation sweeper on every host " +
      $"(every {Sweeper.Interval.TotalMilliseconds:0} ms, lease {Sweeper.Lease.TotalSeconds:0} s) against a loopback fake Twilio; PostgreSQL pool {options.PoolSize} per host");
if (options.FailBatches > 0)
{
    Console.WriteLine($"# --fail-batches {options.FailBatches.ToString(culture)}: that share of COMMITs fails (half before, half after it succeeded) and of autocommit writes; " +
        $"the generator retries a non-2xx answer up to {options.MaxAttempts} attempts in all, like Twilio");
}

var tenant = TestTenants.A;
PostgresCluster? cluster = null;
if (options.Modes.Any(m => m.EndsWith("postgres", StringComparison.Ordinal)))
{
    cluster = await PostgresCluster.StartAsync();
    Console.WriteLine($"# PostgreSQL: throwaway cluster on 127.0.0.1:{cluster.Port} (PostgresCluster, fsync=off, max_connections=300)");
}

await using var twilio = options.Hosts is null ? null : await FakeTwilio.StartAsync();
using var efEvents = options.Diagnose ? new EfEventCounter() : null;
var results = new List<Row>();
var failed = false;
try
{
    foreach (var (mode, hosts) in options.Plan())
    {
        if (hosts == 2 && mode.EndsWith("sqlite", StringComparison.Ordinal))
        {
            Console.WriteLine($"# {mode}: one host only (a SQLite file is written by one process at a time; the library's write gate is per process)");
            continue;
        }

        var label = hosts == 0 ? mode : $"{mode} ×{hosts}";
        await using ILoadTarget target = hosts == 0
            ? await LoadServer.StartAsync(mode, tenant, cluster, options.FailBatches > 0 ? new FaultInjector(options.FailBatches, options.Seed) : null, options.PoolSize)
            : await HostGroup.StartAsync(mode, hosts, tenant, cluster, twilio!, options.FailBatches, options.Seed, options.PoolSize);
        var baseUrls = target.BaseAddresses.Select(a => a.ToString().TrimEnd('/')).ToArray();
        var reconciles = hosts > 0 && target.Stores && !mode.StartsWith("ado-", StringComparison.Ordinal);

        // Warm-up: JIT, connection pools, the database's caches; not measured.
        var (warmCalls, warm) = Workload.Generate(tenant, options.Quick ? 60 : 300, options.Seed + 1000, baseUrls, target.Route);
        twilio?.Register(tenant, warmCalls);
        if (target.Stores)
        {
            await target.SeedAsync(tenant, warmCalls);
        }

        var warmResult = await Generate(warm, 8);
        if (!warmResult.AllNoContent)
        {
            Console.WriteLine($"# {label}: warm-up answered {Describe(warmResult.StatusCounts)}");
        }

        if (reconciles)
        {
            await Verifier.WaitForPricesAsync(target, TimeSpan.FromSeconds(60));
        }

        twilio?.TakeReport();
        foreach (var concurrency in options.Concurrency)
        {
            var calls = options.CallsAt(concurrency);
            var (planned, webhooks) = Workload.Generate(tenant, calls, options.Seed + concurrency, baseUrls, target.Route);
            twilio?.Register(tenant, planned);
            var before = new EventCounts(0, 0);
            if (target.Stores)
            {
                await target.SeedAsync(tenant, planned);
                before = await Verifier.CountEventsAsync(target);
            }

            efEvents?.Reset();
            var httpOnly = !target.Stores;
            var result = httpOnly && options.Driver == "wrk"
                ? await WrkDriver.RunAsync(webhooks, concurrency, TimeSpan.FromSeconds(options.WrkSeconds))
                : await Generate(webhooks, concurrency);
            var retried = result.Retries > 0 ? string.Create(culture, $"  retried {result.Retries:N0} [{Describe(result.RetriedStatusCounts!)}]") : "";
            Console.WriteLine(string.Create(culture,
                $"{label,-16} c={concurrency,-4} {result.Completed,7:N0} req ({calls:N0} calls) in {result.Elapsed.TotalSeconds,6:0.0} s  {result.RequestsPerSecond,8:N0} req/s  " +
                $"p50 {result.P50Ms,7:0.00} ms  p95 {result.P95Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  max {result.MaxMs,7:0.0} ms  [{Describe(result.StatusCounts)}]{retried}"));
            if (httpOnly && options.Driver == "compare")
            {
                // The same server and webhooks driven by the raw-socket generator, then by wrk for as long as the HttpClient one took.
                foreach (var (name, other) in new[]
                {
                    ("raw", await RawHttpRunner.RunAsync(webhooks, concurrency, TimeSpan.FromSeconds(options.TimeLimitSeconds), options.MaxAttempts)),
                    ("wrk", await WrkDriver.RunAsync(webhooks, concurrency, result.Elapsed)),
                })
                {
                    Console.WriteLine(string.Create(culture,
                        $"{label + " (" + name + ")",-16} c={concurrency,-4} {other.Completed,7:N0} req in {other.Elapsed.TotalSeconds,6:0.0} s  {other.RequestsPerSecond,8:N0} req/s  " +
                        $"p50 {other.P50Ms,7:0.00} ms  p99 {other.P99Ms,7:0.00} ms  max {other.MaxMs,7:0.0} ms  [{Describe(other.StatusCounts)}]"));
                    failed |= !other.AllNoContent;
                    results.Add(new Row($"{label} ({name})", $"{mode}-{name}", hosts, other, null, false));
                }
            }

            Verification? verification = null;
            var extra = new List<string>();
            var extraFailed = false;
            if (target.Stores)
            {
                if (reconciles)
                {
                    var unpriced = await Verifier.WaitForPricesAsync(target, TimeSpan.FromSeconds(30 + 2 * Sweeper.Lease.TotalSeconds));
                    if (unpriced > 0)
                    {
                        extra.Add($"{unpriced:N0} calls still without a price");
                        extraFailed = true;
                    }
                }

                var expected = result.Sent == webhooks.Length ? (long)calls * Workload.UniquePerCall : -1;
                verification = await Verifier.VerifyAsync(target, planned, before, expected, reconciles);
                failed |= !verification.Passed;
                Console.WriteLine($"{"",-16} verify: {verification}");
            }

            if (reconciles)
            {
                var fetches = twilio!.TakeReport();
                extraFailed |= fetches.Overlapping > 0 || fetches.Unknown > 0;
                extra.Add(fetches.ToString());
                if (target is HostGroup group && await group.ClaimsAsync() is { } claims)
                {
                    extraFailed |= claims.WhileLeased > 0;
                    extra.Add($"claims (trigger on calls, all levels so far): {claims.Claims:N0}, calls claimed more than once {claims.CallsClaimedAgain:N0}, " +
                        $"claims of a call under another live lease: {claims.WhileLeased}");
                }
            }

            if (await target.DescribeAsync() is { Length: > 0 } description)
            {
                extra.Add(description);
            }

            foreach (var line in extra)
            {
                Console.WriteLine($"{"",-16} {line.Replace(Environment.NewLine, Environment.NewLine + new string(' ', 17), StringComparison.Ordinal)}");
            }

            if (extraFailed)
            {
                Console.WriteLine($"{"",-16} sweeper check: FAIL");
            }

            failed |= extraFailed || !result.AllNoContent;
            results.Add(new Row(label, mode, hosts, result, verification, extraFailed));
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
Console.WriteLine("| mode | concurrency | requests | req/s | × bare | p50 ms | p95 ms | p99 ms | responses | retried | verification |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
foreach (var row in results)
{
    var (result, verification) = (row.Result, row.Verification);
    var bare = Find("bare", row.Hosts, result.Concurrency);
    var ratio = bare is null ? "" : (result.RequestsPerSecond / bare.RequestsPerSecond).ToString("0.00", culture);
    Console.WriteLine(string.Create(culture,
        $"| {row.Label} | {result.Concurrency} | {result.Completed:N0} | {result.RequestsPerSecond:N0} | {ratio} | {result.P50Ms:0.00} | {result.P95Ms:0.00} | {result.P99Ms:0.00} | {Describe(result.StatusCounts)} | {result.Retries:N0} | " +
        $"{(verification is null ? "–" : verification.Passed && !row.SweeperFailed ? $"pass: +{verification.EventsAdded:N0} events, 0 lost, 0 dup, {verification.CallsRight:N0}/{verification.CallsExpected:N0} calls" : "FAIL")} |"));
}

// The ratios the project's targets are stated in, per concurrency (and per host count with --hosts).
Console.WriteLine();
Console.WriteLine("# Ratios (targets: full ÷ ADO ≥ 0.8 at c=1, ≥ 3 at c=64 on SQLite, ≥ 1.5 at c=64 on PostgreSQL; p99 at c=64 < 50 ms; validate ÷ bare ≥ 0.75)");
Console.WriteLine("| hosts | concurrency | sqlite ÷ ado-sqlite | postgres ÷ ado-postgres | validate ÷ bare | sqlite p99 ms | postgres p99 ms |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (hosts, concurrency) in results.Select(r => (r.Hosts, r.Result.Concurrency)).Distinct().OrderBy(k => k.Hosts).ThenBy(k => k.Concurrency))
{
    Console.WriteLine($"| {(hosts == 0 ? "in-process" : hosts.ToString(culture))} | {concurrency} | " +
        $"{Ratio("sqlite", "ado-sqlite", hosts, concurrency, concurrency == 1 ? 0.8 : concurrency == 64 ? 3 : null)} | " +
        $"{Ratio("postgres", "ado-postgres", hosts, concurrency, concurrency == 1 ? 0.8 : concurrency == 64 ? 1.5 : null)} | " +
        $"{Ratio("validate", "bare", hosts, concurrency, 0.75)} | {P99("sqlite", hosts, concurrency)} | {P99("postgres", hosts, concurrency)} |");
}

if (results.Any(r => r.Mode.EndsWith("-wrk", StringComparison.Ordinal)))
{
    Console.WriteLine();
    Console.WriteLine("# Load generator check (--driver compare): the same server and webhooks, three generators (throughput, latency)");
    Console.WriteLine("| mode | hosts | concurrency | raw req/s | httpclient req/s | wrk req/s | wrk ÷ raw | wrk ÷ httpclient | raw p50 / p99 ms | httpclient p50 / p99 ms | wrk p50 / p99 ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var wrk in results.Where(r => r.Mode.EndsWith("-wrk", StringComparison.Ordinal)))
    {
        var mode = wrk.Mode[..^4];
        var client = Find(mode, wrk.Hosts, wrk.Result.Concurrency)!;
        var raw = Find(mode + "-raw", wrk.Hosts, wrk.Result.Concurrency)!;
        var w = wrk.Result;
        Console.WriteLine(string.Create(culture,
            $"| {mode} | {(wrk.Hosts == 0 ? "in-process" : wrk.Hosts.ToString(culture))} | {w.Concurrency} | {raw.RequestsPerSecond:N0} | {client.RequestsPerSecond:N0} | {w.RequestsPerSecond:N0} | " +
            $"{w.RequestsPerSecond / raw.RequestsPerSecond:0.00} | {w.RequestsPerSecond / client.RequestsPerSecond:0.00} | " +
            $"{raw.P50Ms:0.00} / {raw.P99Ms:0.00} | {client.P50Ms:0.00} / {client.P99Ms:0.00} | {w.P50Ms:0.00} / {w.P99Ms:0.00} |"));
    }
}

if (results.Any(r => r.Hosts == 2))
{
    Console.WriteLine();
    Console.WriteLine("# Two hosts ÷ one host (throughput, same run)");
    Console.WriteLine("| mode | concurrency | 1 host req/s | 2 hosts req/s | 2 ÷ 1 |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    foreach (var two in results.Where(r => r.Hosts == 2))
    {
        var one = Find(two.Mode, 1, two.Result.Concurrency);
        Console.WriteLine(string.Create(culture,
            $"| {two.Mode} | {two.Result.Concurrency} | {one?.RequestsPerSecond:N0} | {two.Result.RequestsPerSecond:N0} | {(one is null ? "" : (two.Result.RequestsPerSecond / one.RequestsPerSecond).ToString("0.00", culture))} |"));
    }
}

Console.WriteLine(failed
    ? "# RESULT: FAILED (a final answer other than 204, the database lost or duplicated something, or a call was claimed twice at once)"
    : "# RESULT: every webhook answered 204 and accounted for");
return failed ? 1 : 0;

// The built-in generator: HttpClient (default; also for wrk and compare in the storing modes), or raw sockets with
// pre-built requests (--driver raw; not measurably faster on this machine, see docs/benchmarks.md).
Task<LoadResult> Generate(Webhook[] webhooks, int concurrency) => options.Driver == "raw"
    ? RawHttpRunner.RunAsync(webhooks, concurrency, TimeSpan.FromSeconds(options.TimeLimitSeconds), options.MaxAttempts)
    : LoadRunner.RunAsync(webhooks, concurrency, TimeSpan.FromSeconds(options.TimeLimitSeconds), options.MaxAttempts);

LoadResult? Find(string mode, int hosts, int concurrency) =>
    results.FirstOrDefault(r => r.Mode == mode && r.Hosts == hosts && r.Result.Concurrency == concurrency)?.Result;

string Ratio(string mode, string baseline, int hosts, int concurrency, double? target)
{
    var (a, b) = (Find(mode, hosts, concurrency), Find(baseline, hosts, concurrency));
    if (a is null || b is null)
    {
        return "–";
    }

    var ratio = a.RequestsPerSecond / b.RequestsPerSecond;
    return ratio.ToString("0.00", culture) + (target is { } t ? (ratio >= t ? $" (≥ {t.ToString(culture)}: met)" : $" (≥ {t.ToString(culture)}: NOT met)") : "");
}

string P99(string mode, int hosts, int concurrency) => Find(mode, hosts, concurrency) is { } r
    ? r.P99Ms.ToString("0.0", culture) + (concurrency == 64 ? (r.P99Ms < 50 ? " (< 50: met)" : " (< 50: NOT met)") : "")
    : "–";

static string Describe(IReadOnlyDictionary<int, int> counts) =>
    string.Join(", ", counts.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{(p.Key < 0 ? "error" : p.Key.ToString(CultureInfo.InvariantCulture))}×{p.Value:N0}")));

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Memory()
{
    var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
    return line is null ? "memory n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024} GiB";
}

internal sealed record Row(string Label, string Mode, int Hosts, LoadResult Result, Verification? Verification, bool SweeperFailed);

internal sealed record LoadOptions(
    bool Diagnose, bool Quick, string[] Modes, int[] Concurrency, Dictionary<int, int> Calls, int Seed, double TimeLimitSeconds,
    int? Hosts, int PoolSize, double FailBatches, int MaxAttempts, string Driver, double WrkSeconds)
{
    public int CallsAt(int concurrency) => Calls.TryGetValue(concurrency, out var calls) ? calls : Calls.Values.Max();

    /// <summary>(mode, hosts) in order; hosts 0 = in-process server. <c>--hosts 2</c> runs each mode at one host, then two.</summary>
    public IEnumerable<(string Mode, int Hosts)> Plan() => Modes.SelectMany(mode => Hosts switch
    {
        null => [(mode, 0)],
        1 => [(mode, 1)],
        _ => new[] { (mode, 1), (mode, Hosts.Value) },
    });

    public static LoadOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int? hosts = Value("--hosts") is { } h ? int.Parse(h, CultureInfo.InvariantCulture) : null;
        if (hosts is not (null or 1 or 2))
        {
            throw new ArgumentException("--hosts is 1 or 2.");
        }

        var modes = (Value("--modes") ?? (hosts is null ? "bare,validate,sqlite,ado-sqlite,postgres,ado-postgres" : "postgres,ado-postgres"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        var concurrency = (Value("--concurrency") ?? (quick ? "1,8,64" : "1,8,64,256")).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Dictionary<int, int> calls;
        if (Value("--webhooks") is { } perLevel)
        {
            // About this many webhooks at every level (5 unique + 10 % duplicates per call): 100000 => 18,182 calls.
            var callsPerLevel = Workload.CallsFor(int.Parse(perLevel, CultureInfo.InvariantCulture));
            calls = concurrency.ToDictionary(c => c, _ => callsPerLevel);
        }
        else
        {
            calls = (Value("--calls") ?? (quick ? "1:60,8:250,64:400,256:400" : "1:1000,8:4000,64:18182,256:18182"))
                .Split(',').Select(p => p.Split(':')).ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
        }

        var seed = int.Parse(Value("--seed") ?? "42", CultureInfo.InvariantCulture);
        var limit = double.Parse(Value("--time-limit") ?? (quick ? "30" : "180"), CultureInfo.InvariantCulture);
        // PostgreSQL allows 300 connections here: one in-process pool of 200, or 100 per host process (2 × 100 + a few).
        var pool = int.Parse(Value("--pool") ?? (hosts is null ? "200" : "100"), CultureInfo.InvariantCulture);
        var fail = double.Parse(Value("--fail-batches") ?? "0", CultureInfo.InvariantCulture);
        if (fail is < 0 or >= 0.5)
        {
            throw new ArgumentException("--fail-batches is a probability below 0.5, e.g. 0.02.");
        }

        var attempts = int.Parse(Value("--max-attempts") ?? "5", CultureInfo.InvariantCulture);
        var driver = Value("--driver") ?? "httpclient";
        if (driver is not ("raw" or "httpclient" or "wrk" or "compare"))
        {
            throw new ArgumentException("--driver is httpclient (default), raw, wrk (HTTP-only modes: bare, validate) or compare (all three, HTTP-only modes).");
        }

        if (driver is "wrk" or "compare" && !WrkDriver.Available)
        {
            throw new ArgumentException("--driver wrk needs wrk on the PATH: apt-get install -y wrk");
        }

        var wrkSeconds = double.Parse(Value("--wrk-seconds") ?? "5", CultureInfo.InvariantCulture);
        return new LoadOptions(args.Contains("--diagnose"), quick, modes, concurrency, calls, seed, limit, hosts, pool, fail, attempts, driver, wrkSeconds);
    }
}
