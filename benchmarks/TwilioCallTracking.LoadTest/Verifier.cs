using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TwilioCallTracking.LoadTest;

/// <summary>How many events the database holds: from webhooks, and from the sweeper (<c>reconciled</c>).</summary>
internal sealed record EventCounts(long Webhook, long Reconciled);

/// <summary>What the database says after a run, read with plain SQL (not through the library).</summary>
/// <param name="ReconciledAdded">The sweeper's events added (one per call when it runs, -1 when it does not).</param>
internal sealed record Verification(
    long EventsAdded, long ExpectedEvents, long DuplicateKeys, int CallsRight, int CallsExpected, IReadOnlyList<string> Wrong, long ReconciledAdded = -1)
{
    public bool Passed => EventsAdded == ExpectedEvents && DuplicateKeys == 0 && CallsRight == CallsExpected
        && (ReconciledAdded < 0 || ReconciledAdded == CallsExpected);

    public override string ToString() =>
        $"events +{EventsAdded:N0} (expected +{ExpectedEvents:N0}: {(EventsAdded == ExpectedEvents ? "0 lost" : $"{ExpectedEvents - EventsAdded:N0} MISSING")}), " +
        (ReconciledAdded < 0 ? "" : $"reconciled +{ReconciledAdded:N0} (expected {CallsExpected:N0}), ") +
        $"duplicate (call_id, deduplication_key): {DuplicateKeys}, calls completed with duration and recording{(ReconciledAdded < 0 ? "" : " and price")}: {CallsRight:N0}/{CallsExpected:N0} " +
        (Passed ? "=> PASS" : "=> FAIL " + string.Join("; ", Wrong.Take(5)));
}

internal static class Verifier
{
    public static async Task<EventCounts> CountEventsAsync(ILoadTarget target)
    {
        await using var connection = await OpenAsync(target);
        return new EventCounts(
            await ScalarAsync(connection, "SELECT count(*) FROM call_events WHERE event_type <> 'reconciled'"),
            await ScalarAsync(connection, "SELECT count(*) FROM call_events WHERE event_type = 'reconciled'"));
    }

    /// <summary>Waits (bounded) until the sweepers priced every call; returns how many are still without a price.</summary>
    public static async Task<long> WaitForPricesAsync(ILoadTarget target, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            await using var connection = await OpenAsync(target);
            var unpriced = await ScalarAsync(connection, "SELECT count(*) FROM calls WHERE price IS NULL");
            if (unpriced == 0 || DateTime.UtcNow > until)
            {
                return unpriced;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<Verification> VerifyAsync(ILoadTarget target, IReadOnlyList<PlannedCall> calls, EventCounts before, long expectedNew, bool priced)
    {
        await using var connection = await OpenAsync(target);
        var after = await CountEventsAsync(target);
        var duplicates = await ScalarAsync(connection,
            "SELECT count(*) FROM (SELECT call_id, deduplication_key FROM call_events GROUP BY call_id, deduplication_key HAVING count(*) > 1) AS d");
        var rows = new Dictionary<Guid, (string Status, int? Duration, string? RecordingSid, int? RecordingDuration, decimal? Price)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, status, duration_seconds, recording_sid, recording_duration_seconds, price FROM calls";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var raw = reader.GetValue(0);
                var id = raw is Guid g ? g : Guid.Parse((string)raw);
                rows[id] = (reader.GetString(1),
                    reader.IsDBNull(2) ? null : Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                    reader.IsDBNull(5) ? null : Convert.ToDecimal(reader.GetValue(5), CultureInfo.InvariantCulture));
            }
        }

        var right = 0;
        var wrong = new List<string>();
        foreach (var call in calls)
        {
            if (!rows.TryGetValue(call.Id, out var row))
            {
                wrong.Add($"{call.Id:N} missing");
            }
            else if (row.Status == "completed" && row.Duration == call.Duration && row.RecordingSid == call.RecordingSid && row.RecordingDuration == call.RecordingDuration
                && (!priced || row.Price == call.Price))
            {
                right++;
            }
            else
            {
                wrong.Add($"{call.Id:N}: {row.Status} {row.Duration}/{call.Duration} {row.RecordingSid} {row.RecordingDuration}/{call.RecordingDuration} price {row.Price}/{call.Price}");
            }
        }

        return new Verification(after.Webhook - before.Webhook, expectedNew, duplicates, right, calls.Count, wrong,
            priced ? after.Reconciled - before.Reconciled : -1);
    }

    private static async Task<DbConnection> OpenAsync(ILoadTarget target)
    {
        DbConnection connection = target.Database == "postgres"
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { MaxPoolSize = 4 }.ConnectionString)
            : new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
