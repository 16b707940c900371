using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace TwilioCallTracking.Benchmarks;

/// <summary>
/// A cross-check for a shared, busy machine: BenchmarkDotNet measures each method in its own process one after the
/// other, so load that comes and goes skews their ratios. This runs the same benchmark methods in interleaved rounds
/// and measures the benchmark thread's own CPU time (time it was not scheduled does not count), then reports the
/// fastest and the median round per method. Run: <c>dotnet run -c Release --project benchmarks/TwilioCallTracking.Benchmarks -- --interleaved</c>.
/// </summary>
internal static class InterleavedCpuTime
{
    private const int Rounds = 60;
    private const int OperationsPerRound = 4000;

    public static void Run()
    {
        var benchmarks = new SignatureValidationBenchmarks();
        benchmarks.Setup();
        (string Name, Func<object> Operation)[] methods =
        [
            ("HMAC-SHA1 only (floor)", () => benchmarks.HmacSha1Only()),
            ("Ours: raw body + URL", () => benchmarks.Ours()),
            ("Ours: raw body + URL rebuilt from HttpRequest", () => benchmarks.OursWithUrlFromRequest()),
            ("Ours: form decoded beforehand + URL", () => benchmarks.OursDecoded()),
            ("Twilio SDK RequestValidator (dictionary)", () => benchmarks.TwilioSdk()),
        ];

        foreach (var (_, operation) in methods)
        {
            for (var i = 0; i < 100_000; i++)
            {
                operation();
            }
        }

        var samples = methods.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                var start = ThreadCpuTime.Nanoseconds();
                for (var i = 0; i < OperationsPerRound; i++)
                {
                    methods[m].Operation();
                }

                samples[m].Add((ThreadCpuTime.Nanoseconds() - start) / (double)OperationsPerRound);
            }
        }

        var floor = samples[0].Min();
        Console.WriteLine($"Thread CPU time per operation, {Rounds} interleaved rounds of {OperationsPerRound} ({ThreadCpuTime.Source}):");
        Console.WriteLine("| Method | Min | Median | Min ratio to HMAC |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        for (var m = 0; m < methods.Length; m++)
        {
            var sorted = samples[m].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {methods[m].Name} | {sorted[0]:F0} ns | {sorted[sorted.Count / 2]:F0} ns | {sorted[0] / floor:F2} |"));
        }
    }

    private static class ThreadCpuTime
    {
        public static string Source => OperatingSystem.IsLinux() ? "CLOCK_THREAD_CPUTIME_ID" : "wall clock";

        public static long Nanoseconds()
        {
            if (!OperatingSystem.IsLinux())
            {
                return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
            }

            if (NativeMethods.clock_gettime(NativeMethods.ClockThreadCpuTime, out var time) != 0)
            {
                throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
            }

            return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        }
    }

    private static class NativeMethods
    {
        public const int ClockThreadCpuTime = 3;

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA5392, IDE1006 // A plain libc call, Linux only.
        public static extern int clock_gettime(int clock, out Timespec time);
#pragma warning restore SYSLIB1054, CA5392, IDE1006

        [StructLayout(LayoutKind.Sequential)]
        public struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
