using System.Globalization;
using Microsoft.Extensions.Logging;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// <c>--serve</c>: the load test re-launched as one webhook host of a <see cref="HostGroup"/>. Starts a
/// <see cref="LoadServer"/> on a database the parent prepared (schema and tenant are the parent's job), with the
/// reconciliation sweeper against the parent's fake Twilio, prints <c>LISTENING &lt;url&gt;</c>, answers <c>STATS</c> on
/// stdin with a line about its sweeper and injected faults, and stops when stdin closes (the parent ended or died) or
/// after <c>--max-seconds</c>, whichever comes first.
/// </summary>
internal static class ServeHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var mode = Value("--serve") ?? throw new ArgumentException("--serve <mode>");
        var database = Value("--database") is { Length: > 0 } d && d != "none" ? d : null;
        var twilio = Value("--twilio") is { Length: > 0 } t ? new Uri(t) : null;
        var fail = double.Parse(Value("--fail") ?? "0", CultureInfo.InvariantCulture);
        var seed = int.Parse(Value("--seed") ?? "42", CultureInfo.InvariantCulture);
        var maxSeconds = double.Parse(Value("--max-seconds") ?? "3600", CultureInfo.InvariantCulture);
        var faults = fail > 0 ? new FaultInjector(fail, seed) : null;
        var log = new SweepLog();
        await using var server = await LoadServer.StartAsync(new ServerSettings(
            mode, TestTenants.A, database, Value("--connection"), Prepare: false, twilio, faults, Log: log));
        Console.WriteLine($"LISTENING {server.BaseAddress}");

        var stdin = Task.Run(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                if (line == "STATS")
                {
                    Console.WriteLine($"STATS {log}{(faults is null ? "" : "; " + faults)}");
                }
            }
        });
        await Task.WhenAny(stdin, Task.Delay(TimeSpan.FromSeconds(maxSeconds)));
        Console.WriteLine($"STOPPING {log}{(faults is null ? "" : "; " + faults)}");
        return 0;
    }
}

/// <summary>
/// The host's log: adds up the sweeper's own events (sweeps, claims, lease lost, failed sweeps) and passes the first
/// few errors to stderr, which the parent prints.
/// </summary>
internal sealed class SweepLog : ILoggerProvider
{
    private long _sweeps;
    private long _claimed;
    private long _updated;
    private long _deferred;
    private long _notFound;
    private long _leaseLost;
    private long _failed;
    private long _efErrors;
    private int _errors;

    public override string ToString() =>
        $"sweeper: {_sweeps:N0} sweeps claimed {_claimed:N0} calls, {_updated:N0} updated, {_deferred:N0} deferred, {_notFound:N0} not found, " +
        $"{_leaseLost:N0} leases lost, {_failed:N0} sweeps failed; EF Core logged {_efErrors:N0} database errors";

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Log<TState>(string category, LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
        {
            // EF Core logs each failed command and transaction (without the exception); the library's own events say more.
            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref _efErrors);
            }

            return;
        }

        switch (eventId.Name)
        {
            case "ReconciliationSwept" when state is IReadOnlyList<KeyValuePair<string, object?>> values:
                Interlocked.Increment(ref _sweeps);
                Interlocked.Add(ref _claimed, Get(values, "Claimed"));
                Interlocked.Add(ref _updated, Get(values, "Updated"));
                Interlocked.Add(ref _notFound, Get(values, "NotFound"));
                Interlocked.Add(ref _deferred, Get(values, "Deferred"));
                return;
            case "ReconciliationLeaseLost":
                Interlocked.Increment(ref _leaseLost);
                return;
            case "ReconciliationSweepFailed":
                Interlocked.Increment(ref _failed);
                break;
        }

        if (logLevel >= LogLevel.Error && !IsInjected(exception) && Interlocked.Increment(ref _errors) <= 3)
        {
            Console.Error.WriteLine($"{logLevel} {eventId.Name}: {formatter(state, exception).Split('\n')[0]} {exception?.GetType().Name}: {exception?.Message.Split('\n')[0]}");
        }
    }

    private sealed class Logger(SweepLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Log(category, logLevel, eventId, state, exception, formatter);
    }

    private static long Get(IReadOnlyList<KeyValuePair<string, object?>> values, string name) =>
        values.FirstOrDefault(p => p.Key == name).Value is int n ? n : 0;

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
}
