using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// <c>--driver wrk</c> / <c>--driver both</c> for the HTTP-only modes (<c>bare</c>, <c>validate</c>): posts the same
/// signed webhooks with <c>wrk</c> (Debian package <c>wrk</c>) instead of, or after, the built-in generator, to show
/// whether the generator limits what is measured. wrk replays the first <see cref="Distinct"/> webhooks of the level in
/// a loop (a Lua script of pre-formatted requests, one copy per wrk thread) for as long as the built-in run took (at
/// least 3 s): fine for modes that store nothing.
/// </summary>
internal static partial class WrkDriver
{
    private const int Distinct = 2000;

    public static bool Available => File.Exists("/usr/bin/wrk") || (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':').Any(p => p.Length > 0 && File.Exists(Path.Combine(p, "wrk")));

    public static async Task<LoadResult> RunAsync(IReadOnlyList<Webhook> webhooks, int concurrency, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"tct-load-wrk-{Environment.ProcessId}.lua");
        // Host explicitly: wrk adds its own only to requests formatted after its init.
        var lua = new StringBuilder("local requests = {}\n");
        foreach (var webhook in webhooks.Take(Distinct))
        {
            lua.Append("requests[#requests + 1] = wrk.format(\"POST\", \"").Append(webhook.PathAndQuery)
                .Append("\", {[\"Host\"] = \"").Append(webhook.Url.Authority)
                .Append("\", [\"Content-Type\"] = \"application/x-www-form-urlencoded\", [\"X-Twilio-Signature\"] = \"").Append(webhook.Signature)
                .Append("\"}, [==[").Append(Encoding.UTF8.GetString(webhook.Body)).Append("]==])\n");
        }

        lua.Append("local i = 0\nrequest = function()\n  i = i % #requests + 1\n  return requests[i]\nend\n");
        await File.WriteAllTextAsync(script, lua.ToString());
        try
        {
            var seconds = Math.Max(3, (int)Math.Ceiling(duration.TotalSeconds));
            var threads = Math.Min(concurrency, Environment.ProcessorCount);
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", concurrency.ToString(CultureInfo.InvariantCulture),
                "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "30s", "--latency", "-s", script,
                webhooks[0].Url.GetLeftPart(UriPartial.Authority) + "/",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 60));
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {await error} {text}");
            }

            return Parse(text, concurrency);
        }
        finally
        {
            File.Delete(script);
        }
    }

    // "  1234 requests in 3.00s, ..." , "Requests/sec:  411.23", "  50%  1.23ms", "Non-2xx or 3xx responses: 5".
    private static LoadResult Parse(string text, int concurrency)
    {
        var requests = Requests().Match(text);
        var count = int.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = Time(requests.Groups[2].Value, requests.Groups[3].Value) / 1000;
        double Percentile(string p) => Percentiles().Matches(text).FirstOrDefault(m => m.Groups[1].Value == p) is { } m
            ? Time(m.Groups[2].Value, m.Groups[3].Value) : double.NaN;
        var non2xx = NonSuccess().Match(text) is { Success: true } n ? int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrors().Match(text) is { Success: true } e ? e.Groups.Values.Skip(1).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        var counts = new Dictionary<int, int>();
        if (count > non2xx)
        {
            counts[204] = count - non2xx;
        }

        if (non2xx > 0)
        {
            // wrk does not say which status: 0 stands for "some non-2xx".
            counts[0] = non2xx;
        }

        if (errors > 0)
        {
            counts[-1] = errors;
        }

        return new LoadResult(concurrency, count, count, TimeSpan.FromSeconds(seconds), Percentile("50%"), double.NaN, Percentile("99%"),
            MaxLatency().Match(text) is { Success: true } max ? Time(max.Groups[1].Value, max.Groups[2].Value) : double.NaN, counts, errors);
    }

    private static double Time(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => double.NaN,
    };

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex Requests();

    [GeneratedRegex(@"^\s+(50%|75%|90%|99%)\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentiles();

    [GeneratedRegex(@"Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex MaxLatency();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
