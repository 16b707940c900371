using Npgsql;
using NpgsqlTypes;
using TwilioCallTracking;

namespace TwilioCallTracking.QueryBenchmarks;

/// <summary>Bulk-loads the seed into the migrated PostgreSQL tables with binary COPY (two streams: calls, then events).</summary>
internal static class PostgreSqlSeeder
{
    public static async Task SeedAsync(string connectionString, SeedData data)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using (var calls = await connection.BeginBinaryImportAsync(
            "COPY calls (id, tenant_id, twilio_call_sid, parent_call_sid, from_number, to_number, direction, twilio_direction, status, " +
            "duration_seconds, recording_url, contact_id, created_at, answered_at, ended_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (call, _) in data.Generate())
            {
                calls.StartRow();
                calls.Write(call.Id, NpgsqlDbType.Uuid);
                calls.Write(call.TenantId, NpgsqlDbType.Varchar);
                calls.Write(call.TwilioCallSid!, NpgsqlDbType.Varchar);
                Nullable(calls, call.ParentCallSid, NpgsqlDbType.Varchar);
                calls.Write(call.From, NpgsqlDbType.Text);
                calls.Write(call.To, NpgsqlDbType.Text);
                calls.Write(call.Direction.ToStorageString(), NpgsqlDbType.Varchar);
                calls.Write(call.TwilioDirection!, NpgsqlDbType.Varchar);
                calls.Write(call.Status.ToTwilioString(), NpgsqlDbType.Varchar);
                calls.Write(call.DurationSeconds!.Value, NpgsqlDbType.Integer);
                Nullable(calls, call.RecordingUrl, NpgsqlDbType.Text);
                if (call.ContactId is { } contact)
                {
                    calls.Write(contact, NpgsqlDbType.Uuid);
                }
                else
                {
                    calls.WriteNull();
                }

                calls.Write(call.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                if (call.AnsweredAt is { } answered)
                {
                    calls.Write(answered.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    calls.WriteNull();
                }

                calls.Write(call.EndedAt!.Value.UtcDateTime, NpgsqlDbType.TimestampTz);
                calls.Write(call.Version, NpgsqlDbType.Bigint);
            }

            await calls.CompleteAsync();
        }

        using (var events = await connection.BeginBinaryImportAsync(
            "COPY call_events (id, call_id, tenant_id, event_type, event_data, deduplication_key, sequence_number, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, timeline) in data.Generate())
            {
                foreach (var e in timeline)
                {
                    events.StartRow();
                    events.Write(e.Id, NpgsqlDbType.Uuid);
                    events.Write(e.CallId, NpgsqlDbType.Uuid);
                    events.Write(e.TenantId, NpgsqlDbType.Varchar);
                    events.Write(e.EventType, NpgsqlDbType.Text);
                    events.Write(e.EventData, NpgsqlDbType.Jsonb);
                    events.Write(e.DeduplicationKey, NpgsqlDbType.Text);
                    events.Write(e.SequenceNumber!.Value, NpgsqlDbType.Integer);
                    events.Write(e.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
            }

            await events.CompleteAsync();
        }

        foreach (var table in new[] { "calls", "call_events" })
        {
            await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }
    }

    private static void Nullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }
}
