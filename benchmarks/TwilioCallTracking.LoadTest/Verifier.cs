using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TwilioCallTracking.LoadTest;

/// <summary>What the database says after a run, read with plain SQL (not through the library).</summary>
internal sealed record Verification(long EventsAdded, long ExpectedEvents, long DuplicateKeys, int CallsRight, int CallsExpected, IReadOnlyList<string> Wrong)
{
    public bool Passed => EventsAdded == ExpectedEvents && DuplicateKeys == 0 && CallsRight == CallsExpected;

    public override string ToString() =>
        $"events +{EventsAdded:N0} (expected +{ExpectedEvents:N0}: {(EventsAdded == ExpectedEvents ? "0 lost" : $"{ExpectedEvents - EventsAdded:N0} MISSING")}), " +
        $"duplicate (call_id, deduplication_key): {DuplicateKeys}, calls completed with duration and recording: {CallsRight:N0}/{CallsExpected:N0} " +
        (Passed ? "=> PASS" : "=> FAIL " + string.Join("; ", Wrong.Take(5)));
}

internal static class Verifier
{
    public static async Task<long> CountEventsAsync(LoadServer server)
    {
        await using var connection = await OpenAsync(server);
        return await ScalarAsync(connection, "SELECT count(*) FROM call_events");
    }

    public static async Task<Verification> VerifyAsync(LoadServer server, IReadOnlyList<PlannedCall> calls, long eventsBefore, long expectedNew)
    {
        await using var connection = await OpenAsync(server);
        var events = await ScalarAsync(connection, "SELECT count(*) FROM call_events");
        var duplicates = await ScalarAsync(connection,
            "SELECT count(*) FROM (SELECT call_id, deduplication_key FROM call_events GROUP BY call_id, deduplication_key HAVING count(*) > 1) AS d");
        var rows = new Dictionary<Guid, (string Status, int? Duration, string? RecordingSid, int? RecordingDuration)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, status, duration_seconds, recording_sid, recording_duration_seconds FROM calls";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var raw = reader.GetValue(0);
                var id = raw is Guid g ? g : Guid.Parse((string)raw);
                rows[id] = (reader.GetString(1),
                    reader.IsDBNull(2) ? null : Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
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
            else if (row.Status == "completed" && row.Duration == call.Duration && row.RecordingSid == call.RecordingSid && row.RecordingDuration == call.RecordingDuration)
            {
                right++;
            }
            else
            {
                wrong.Add($"{call.Id:N}: {row.Status} {row.Duration}/{call.Duration} {row.RecordingSid} {row.RecordingDuration}/{call.RecordingDuration}");
            }
        }

        return new Verification(events - eventsBefore, expectedNew, duplicates, right, calls.Count, wrong);
    }

    private static async Task<DbConnection> OpenAsync(LoadServer server)
    {
        DbConnection connection = server.Database == "postgres" ? new NpgsqlConnection(server.ConnectionString) : new SqliteConnection(server.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
