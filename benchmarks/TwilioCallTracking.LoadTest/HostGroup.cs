using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// <c>--hosts N</c>: N webhook hosts on one database, each a separate process (this program re-launched with
/// <c>--serve</c>) with its own Kestrel on its own loopback port, its own connection pool and its own reconciliation
/// sweeper against the <see cref="FakeTwilio"/>. This process prepares the database (schema, tenant; on PostgreSQL a
/// trigger that records every reconciliation claim), seeds the calls through an idle in-process server, and stops the
/// hosts by closing their stdin (each also stops by itself after an hour at most).
/// </summary>
internal sealed class HostGroup : ILoadTarget
{
    private readonly List<Process> _processes;
    private readonly LoadServer? _admin;
    private readonly Func<ValueTask> _cleanup;
    private readonly ConcurrentQueue<TaskCompletionSource<string>>[] _stats;

    private HostGroup(string mode, IReadOnlyList<Uri> addresses, string? database, string? connectionString, List<Process> processes,
        ConcurrentQueue<TaskCompletionSource<string>>[] stats, LoadServer? admin, Func<ValueTask> cleanup)
    {
        Mode = mode;
        BaseAddresses = addresses;
        Database = database;
        ConnectionString = connectionString;
        _processes = processes;
        _stats = stats;
        _admin = admin;
        _cleanup = cleanup;
    }

    public string Mode { get; }

    public int Hosts => BaseAddresses.Count;

    public IReadOnlyList<Uri> BaseAddresses { get; }

    public string? Database { get; }

    public string? ConnectionString { get; }

    public static async Task<HostGroup> StartAsync(
        string mode, int hosts, TestTenant tenant, PostgresCluster? cluster, FakeTwilio twilio, double failBatches, int seed, int poolSize)
    {
        var (database, connectionString, cleanup) = await LoadServer.CreateDatabaseAsync(mode, cluster, poolSize);
        LoadServer? admin = null;
        var processes = new List<Process>();
        var stats = Enumerable.Range(0, hosts).Select(_ => new ConcurrentQueue<TaskCompletionSource<string>>()).ToArray();
        try
        {
            if (database is not null)
            {
                // Schema, tenant and seeding from this process, through the library, on a small pool of its own.
                var adminConnection = database == "postgres"
                    ? new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 8 }.ConnectionString
                    : connectionString;
                admin = await LoadServer.StartAsync(new ServerSettings(database, tenant, database, adminConnection, Prepare: true, TwilioApi: null, Faults: null));
                if (database == "postgres")
                {
                    await InstallClaimLogAsync(adminConnection!);
                }
            }

            var addresses = new List<Uri>();
            for (var h = 0; h < hosts; h++)
            {
                var (process, address) = await LaunchAsync(h, mode, database, connectionString, twilio.BaseUrl, failBatches, seed + 7919 * (h + 1), stats[h]);
                processes.Add(process);
                addresses.Add(address);
            }

            return new HostGroup(mode, addresses, database, connectionString, processes, stats, admin, cleanup);
        }
        catch
        {
            await StopAsync(processes);
            if (admin is not null)
            {
                await admin.DisposeAsync();
            }

            await cleanup();
            throw;
        }
    }

    public Task SeedAsync(TestTenant tenant, IReadOnlyList<PlannedCall> calls) =>
        _admin?.SeedAsync(tenant, calls) ?? Task.CompletedTask;

    /// <summary>Each host's sweeper and fault counts, asked for now.</summary>
    public async Task<string> DescribeAsync()
    {
        var lines = new List<string>();
        for (var h = 0; h < _processes.Count; h++)
        {
            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _stats[h].Enqueue(answer);
            await _processes[h].StandardInput.WriteLineAsync("STATS");
            await _processes[h].StandardInput.FlushAsync();
            lines.Add($"host {h}: " + await answer.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The reconciliation claims the trigger recorded on PostgreSQL: all of them, and those that took a call while
    /// another host's lease on it was still live (must be 0).
    /// </summary>
    public async Task<(long Claims, long CallsClaimedAgain, long WhileLeased)?> ClaimsAsync()
    {
        if (Database != "postgres")
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 2 }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), (SELECT count(*) FROM (SELECT call_id FROM load_claims GROUP BY call_id HAVING count(*) > 1) AS again), " +
            "count(*) FILTER (WHERE previous_lease_id IS NOT NULL AND previous_expires_at > claimed_at) FROM load_claims", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_processes);
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        await _cleanup();
    }

    // Every claim the sweepers make (a new lease id on a call), with the lease it replaced: a claim that replaces a lease
    // which had not expired yet is two hosts holding one call at once.
    private static async Task InstallClaimLogAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE TABLE load_claims (
                id bigserial PRIMARY KEY, call_id uuid NOT NULL, lease_id uuid NOT NULL,
                previous_lease_id uuid, previous_expires_at timestamptz, claimed_at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE FUNCTION load_record_claim() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO load_claims (call_id, lease_id, previous_lease_id, previous_expires_at)
                VALUES (NEW.id, NEW.reconcile_lease_id, OLD.reconcile_lease_id, OLD.reconcile_lease_expires_at);
                RETURN NEW;
            END $$;
            CREATE TRIGGER load_record_claim AFTER UPDATE ON calls FOR EACH ROW
                WHEN (NEW.reconcile_lease_id IS NOT NULL AND NEW.reconcile_lease_id IS DISTINCT FROM OLD.reconcile_lease_id)
                EXECUTE FUNCTION load_record_claim();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(Process Process, Uri Address)> LaunchAsync(
        int index, string mode, string? database, string? connectionString, Uri twilio, double failBatches, int seed,
        ConcurrentQueue<TaskCompletionSource<string>> stats)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to re-launch.");
        var start = new ProcessStartInfo
        {
            FileName = self,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HostGroup).Assembly.Location);
        }

        foreach (var argument in new[]
        {
            "--serve", mode, "--database", database ?? "none", "--connection", connectionString ?? "",
            // The sweeper runs with the library's stores only (the ADO.NET baseline keeps no reconciliation state).
            "--twilio", database is null || mode.StartsWith("ado-", StringComparison.Ordinal) ? "" : twilio.ToString(), "--fail", failBatches.ToString("R", CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--max-seconds", "3600",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a host process.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"Host {index} ended before it listened."));
            }
            else if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(e.Data["LISTENING ".Length..]));
            }
            else if (e.Data.StartsWith("STATS ", StringComparison.Ordinal) && stats.TryDequeue(out var answer))
            {
                answer.TrySetResult(e.Data["STATS ".Length..]);
            }
            else
            {
                Console.WriteLine($"#   host {index} ({mode}): {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.WriteLine($"#   host {index} ({mode}) stderr: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return (process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(120)));
        }
        catch
        {
            await StopAsync([process]);
            throw;
        }
    }

    private static async Task StopAsync(List<Process> processes)
    {
        foreach (var process in processes)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }
        }

        foreach (var process in processes)
        {
            using (process)
            {
                try
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
                }
                catch (TimeoutException)
                {
                    // Only this host process, which this program started.
                    process.Kill();
                }
            }
        }
    }
}
