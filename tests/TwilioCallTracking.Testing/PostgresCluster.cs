using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TwilioCallTracking.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests and benchmarks: <c>initdb</c> + <c>pg_ctl</c> in a temporary folder, listening
/// on a free loopback port, with durability switched off (it is thrown away). As root the server runs as the
/// <c>postgres</c> user through <c>runuser</c>. <see cref="SharedAsync"/> starts one per process, stopped when it exits.
/// </summary>
/// <remarks>
/// Binaries: <c>PG_BIN</c> if set, else the newest <c>/usr/lib/postgresql/*/bin</c> (the image has 15; <c>.ci/run</c>
/// installs the <c>postgresql</c> package when they are missing).
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string FolderPrefix = "tct-pg-";
    private static readonly Lock SharedGate = new();
    private static Task<PostgresCluster>? _shared;

    private readonly string _folder;
    private readonly string _binaries;
    private readonly Lazy<Task> _appRole;
    private int _disposed;

    private PostgresCluster(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        _appRole = new Lazy<Task>(CreateAppRoleAsync);
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>The login role of <see cref="CreateAppDatabaseAsync"/>: not a superuser, no <c>BYPASSRLS</c>.</summary>
    public const string AppRole = "call_tracking_app";

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>
    /// The cluster shared by this process: started on first use, stopped and deleted when the process exits. A failure to
    /// start is kept, so every caller gets the same reason without trying again.
    /// </summary>
    public static Task<PostgresCluster> SharedAsync()
    {
        lock (SharedGate)
        {
            if (_shared is null)
            {
                _shared = StartAsync();
                _shared.ContinueWith(
                    started => AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Result.Stop(),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion,
                    TaskScheduler.Default);
            }

            return _shared;
        }
    }

    /// <summary>Starts a new cluster (throws with the server's own words when it cannot).</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var binaries = FindBinaries();
        RemoveStaleClusters(binaries);
        var folder = Directory.CreateDirectory(Path.Combine(
            Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        try
        {
            GiveToServerUser(folder);
            await RunAsync(binaries, "initdb", ["-D", Path.Combine(folder, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            for (var attempt = 1; ; attempt++)
            {
                var cluster = new PostgresCluster(folder, binaries, FreePort());
                try
                {
                    await cluster.StartServerAsync();
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // Another process took the port between the probe and the bind: try another.
                }
            }
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>
    /// Starts the server again after <see cref="StopServerAsync"/>, on the same port and data: what a database restart
    /// looks like to the application.
    /// </summary>
    public Task StartServerAsync() => RunAsync(_binaries, "pg_ctl", [
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", string.Join(' ', "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder,
            "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "-c max_connections=300 -c shared_buffers=256MB"),
        "start"]);

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>: every open connection is cut, what was committed is kept; an
    /// immediate stop would lose the last commits, since the throwaway cluster runs with <c>synchronous_commit=off</c>),
    /// so <see cref="StartServerAsync"/> brings the same databases back.
    /// </summary>
    public Task StopServerAsync() => RunAsync(_binaries, "pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);

    /// <summary>
    /// Creates an empty database owned by <see cref="AppRole"/>, a login role that is neither a superuser nor
    /// <c>BYPASSRLS</c>, and returns a connection string as that role: the tables it migrates are its own, so forced
    /// row-level security applies to it as it would to an application in production.
    /// </summary>
    public async Task<string> CreateAppDatabaseAsync(string prefix = "test")
    {
        await _appRole.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" OWNER {AppRole}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Username = AppRole }.ConnectionString;
    }

    /// <summary>Creates an empty database and returns a connection string to it (as the superuser).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs SQL as the superuser in the <c>postgres</c> database (to create roles, for example).</summary>
    public async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private Task CreateAppRoleAsync() => ExecuteAsync($"CREATE ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");

    private static string FindBinaries()
    {
        var candidates = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                    .Select(d => Path.Combine(d, "bin"))
                    .ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL's initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin (or PG_BIN): install the " +
                "'postgresql' package (scripts/install-test-deps.sh does it) or set PG_BIN to their folder.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void GiveToServerUser(string folder)
    {
        if (IsRoot)
        {
            RunAsync(null, "chown", ["-R", "postgres:postgres", folder]).GetAwaiter().GetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string? binaries, string program, string[] arguments)
    {
        var path = binaries is null ? program : Path.Combine(binaries, program);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (binaries is not null && IsRoot)
        {
            // initdb and the server refuse to run as root.
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", path }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = path;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed (exit {process.ExitCode}): {await error} {await output}".Trim());
        }
    }

    private static void RemoveStaleClusters(string binaries)
    {
        // A test process that was killed leaves its cluster running: stop the ones whose process is gone.
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var pidText = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(pidText, out var pid) && !IsRunning(pid))
            {
                StopAndDelete(folder, binaries);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        StopAndDelete(_folder, _binaries);
    }

    private static void StopAndDelete(string folder, string binaries)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                RunAsync(binaries, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        TryDelete(folder);
    }

    private static void TryDelete(string folder)
    {
        // The server's last processes may still be closing files for a moment after pg_ctl returns.
        for (var attempt = 1; attempt <= 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
