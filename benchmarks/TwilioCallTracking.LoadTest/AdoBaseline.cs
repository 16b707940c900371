using TwilioCallTracking.AspNetCore;
using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// The hand-written baseline: the same work as the library's webhook path with raw ADO.NET and nothing else. Reads the
/// body, checks the signature with the library's validator, then in one transaction: reads the call's version and
/// status, <c>INSERT</c> the event <c>… ON CONFLICT (call_id, deduplication_key) DO NOTHING</c>, and if it was new
/// <c>UPDATE calls … WHERE id AND version = @expected</c> (retried on a version conflict). The database's own limit.
/// </summary>
internal sealed class AdoBaseline(bool postgres, string connectionString, string authToken, FaultInjector? faults = null)
{
    private static readonly string[] Rank = ["queued", "initiated", "ringing", "in-progress", "completed"];

    public async Task<IResult> HandleAsync(HttpContext http, string kind)
    {
        var request = http.Request;
        using var buffer = new MemoryStream(4096);
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var url = TwilioRequestUrl.FromRequest(request, null);
        if (TwilioSignatureValidator.ValidateFormPost(authToken, url, body.Span, request.Headers["X-Twilio-Signature"].ToString()) != TwilioSignatureResult.Valid)
        {
            return Results.StatusCode(403);
        }

        var form = new FormReader(System.Text.Encoding.UTF8.GetString(body.Span)).ReadForm();
        var tenantId = request.Query["tenant"].ToString();
        var callId = Guid.ParseExact(request.Query["call"].ToString(), "N");
        var sid = form["CallSid"].ToString();
        string eventType, dedup;
        int? sequence = null, duration = null;
        string? recordingSid = null;
        if (kind == "recording")
        {
            recordingSid = form["RecordingSid"].ToString();
            eventType = "recording-" + form["RecordingStatus"];
            dedup = $"recording:{sid}:{recordingSid}:{form["RecordingStatus"]}";
            duration = int.Parse(form["RecordingDuration"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            eventType = form["CallStatus"].ToString();
            sequence = int.Parse(form["SequenceNumber"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            dedup = $"status:{sid}:{eventType}:{sequence}";
            if (form.TryGetValue("CallDuration", out var d))
            {
                duration = int.Parse(d.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var json = JsonSerializer.Serialize(form.ToDictionary(p => p.Key, p => p.Value.ToString()));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                if (await TryApplyAsync(http, tenantId, callId, eventType, dedup, sequence, duration, recordingSid, json) is { } done)
                {
                    return done;
                }
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // PostgreSQL aborted this transaction to break a deadlock: nothing was written, try again.
            }
        }

        return Results.StatusCode(409);
    }

    // One transaction; null when the call's version moved on (try again).
    private async Task<IResult?> TryApplyAsync(
        HttpContext http, string tenantId, Guid callId, string eventType, string dedup, int? sequence, int? duration, string? recordingSid, string json)
    {
        {
            await using var connection = postgres ? (DbConnection)new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync(http.RequestAborted);
            await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
            long version;
            string status;
            await using (var read = Command(connection, transaction, "SELECT version, status FROM calls WHERE id = @id AND tenant_id = @tenant", callId, tenantId))
            await using (var reader = await read.ExecuteReaderAsync(http.RequestAborted))
            {
                if (!await reader.ReadAsync(http.RequestAborted))
                {
                    return Results.NotFound();
                }

                version = reader.GetInt64(0);
                status = reader.GetString(1);
            }

            await using (var insert = Command(connection, transaction,
                "INSERT INTO call_events (id, call_id, tenant_id, event_type, event_data, deduplication_key, sequence_number, created_at) " +
                "VALUES (@eid, @id, @tenant, @type, @data, @dedup, @seq, @now) ON CONFLICT (call_id, deduplication_key) DO NOTHING", callId, tenantId))
            {
                Add(insert, "eid", Id(Guid.CreateVersion7()));
                Add(insert, "type", eventType);
                if (postgres)
                {
                    ((NpgsqlCommand)insert).Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = json });
                }
                else
                {
                    Add(insert, "data", json);
                }

                Add(insert, "dedup", dedup);
                Add(insert, "seq", (object?)sequence ?? DBNull.Value);
                Add(insert, "now", postgres ? DateTime.UtcNow : DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
                if (await insert.ExecuteNonQueryAsync(http.RequestAborted) == 0)
                {
                    await transaction.RollbackAsync(http.RequestAborted);
                    return Results.NoContent();
                }
            }

            await using (var update = Command(connection, transaction, recordingSid is null
                ? "UPDATE calls SET status = @status, duration_seconds = COALESCE(@duration, duration_seconds), version = version + 1 WHERE id = @id AND tenant_id = @tenant AND version = @version"
                : "UPDATE calls SET recording_sid = @rsid, recording_duration_seconds = @duration, version = version + 1 WHERE id = @id AND tenant_id = @tenant AND version = @version", callId, tenantId))
            {
                Add(update, "version", version);
                Add(update, "duration", (object?)duration ?? DBNull.Value);
                if (recordingSid is null)
                {
                    Add(update, "status", Array.IndexOf(Rank, eventType) > Array.IndexOf(Rank, status) ? eventType : status);
                }
                else
                {
                    Add(update, "rsid", recordingSid);
                }

                if (await update.ExecuteNonQueryAsync(http.RequestAborted) == 0)
                {
                    await transaction.RollbackAsync(http.RequestAborted);
                    return null;
                }
            }

            faults?.FailBeforeCommit();
            await transaction.CommitAsync(http.RequestAborted);
            faults?.FailAfterCommit();
            return Results.NoContent();
        }
    }

    private object Id(Guid id) => postgres ? id : id.ToString("D").ToUpperInvariant();

    private DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, Guid callId, string tenantId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "id", Id(callId));
        Add(command, "tenant", tenantId);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
