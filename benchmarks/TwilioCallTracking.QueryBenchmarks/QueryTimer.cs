using System.Diagnostics;
using System.Globalization;

namespace TwilioCallTracking.QueryBenchmarks;

/// <summary>Times an operation many times (after a warm-up) and reports median, p95 and p99 in milliseconds.</summary>
internal static class QueryTimer
{
    public static async Task<Timing> MeasureAsync(string name, int warmup, int repetitions, Func<int, Task<int>> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(i);
        }

        var samples = new double[repetitions];
        var rows = 0L;
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rows += await operation(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Timing(name, repetitions, rows / (double)repetitions, Percentile(samples, 0.5), Percentile(samples, 0.95), Percentile(samples, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>One measured query.</summary>
internal sealed record Timing(string Name, int Repetitions, double RowsPerRun, double MedianMs, double P95Ms, double P99Ms)
{
    public string ToMarkdownRow(string database) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {database} | {Name} | {RowsPerRun:0.#} | {MedianMs:0.000} | {P95Ms:0.000} | {P99Ms:0.000} | {Repetitions} |");
}
