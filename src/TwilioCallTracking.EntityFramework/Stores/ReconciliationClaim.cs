using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The one statement that claims due calls for reconciliation: it picks them, leases them and returns them, so no two
/// workers can claim one call. Built once per model (table, schema, type mappings); the due rules are
/// <see cref="ReconciliationCriteria.IsDue"/> in SQL, written once for both providers.
/// </summary>
internal sealed class ReconciliationClaim
{
    // {0} lease id, {1} lease expiry, {2} now, {3} stale-if-created-before, {4} price-if-ended-before, {5} max attempts,
    // {6} batch size, {7} unconfirmed-if-created-before.
    private static readonly string Due = $$"""
        ({{ReconciliationColumns.MayNeedTwilio}})
              AND reconcile_attempts < {5}
              AND (reconcile_next_at IS NULL OR reconcile_next_at <= {2})
              AND (reconcile_lease_expires_at IS NULL OR reconcile_lease_expires_at <= {2})
              AND (CASE WHEN twilio_call_sid IS NULL THEN created_at < {7}
                   ELSE from_number = ''
                        OR (status IN ({{ReconciliationColumns.StatusList(terminal: true)}}) AND price IS NULL AND ended_at < {4})
                        OR (status IN ({{ReconciliationColumns.StatusList(terminal: false)}}) AND created_at < {3}) END)
        """;

    private readonly RelationalTypeMapping _timestamp;
    private readonly RelationalTypeMapping _leaseId;
    private readonly RelationalTypeMapping _integer;

    public ReconciliationClaim(IModel model, ISqlGenerationHelper sql, bool isPostgreSql)
    {
        Model = model;
        var calls = model.FindEntityType(typeof(Call)) ?? throw CallTrackingModelMissing.For(typeof(Call));
        var table = sql.DelimitIdentifier(calls.GetTableName()!, calls.GetSchema());
        _timestamp = calls.FindProperty(ReconciliationColumns.NextAt)!.GetRelationalTypeMapping();
        _leaseId = calls.FindProperty(ReconciliationColumns.LeaseId)!.GetRelationalTypeMapping();
        _integer = calls.FindProperty(ReconciliationColumns.Attempts)!.GetRelationalTypeMapping();

        // PostgreSQL: several hosts claim at once. The locking CTE runs exactly once (a sub-select of the UPDATE could be
        // re-run by the plan and lease more than the batch); SKIP LOCKED passes over rows another claim is taking; NO KEY
        // UPDATE, because the key does not change, lets webhooks insert the call's events meanwhile (their foreign key
        // takes KEY SHARE). SQLite: one writer at a time, and one UPDATE statement is atomic.
        Sql = isPostgreSql
            ? $$"""
                WITH due AS MATERIALIZED (
                    SELECT id FROM {{table}}
                    WHERE {{Due}}
                    ORDER BY created_at, id
                    LIMIT {6}
                    FOR NO KEY UPDATE SKIP LOCKED)
                UPDATE {{table}} AS c SET reconcile_lease_id = {0}, reconcile_lease_expires_at = {1}
                FROM due WHERE c.id = due.id
                RETURNING c.*
                """
            : $$"""
                UPDATE {{table}} SET reconcile_lease_id = {0}, reconcile_lease_expires_at = {1}
                WHERE id IN (
                    SELECT id FROM {{table}}
                    WHERE {{Due}}
                    ORDER BY created_at, id
                    LIMIT {6})
                RETURNING *
                """;
    }

    /// <summary>The model the statement was built for.</summary>
    public IModel Model { get; }

    /// <summary>The statement, with <c>{0}</c>…<c>{7}</c> for the parameters of <see cref="Parameters"/>.</summary>
    public string Sql { get; }

    /// <summary>The statement's parameters, converted as the model stores them (UTC microseconds, Guid text on SQLite).</summary>
    public DbParameter[] Parameters(DbContext db, ReconciliationCriteria criteria, Guid leaseId)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        return
        [
            _leaseId.CreateParameter(command, "lease_id", leaseId),
            _timestamp.CreateParameter(command, "lease_expires_at", criteria.LeaseExpiresAt),
            _timestamp.CreateParameter(command, "now", criteria.Now),
            _timestamp.CreateParameter(command, "stale_if_created_before", criteria.StaleIfCreatedBefore),
            _timestamp.CreateParameter(command, "price_if_ended_before", criteria.PriceIfEndedBefore),
            _integer.CreateParameter(command, "max_attempts", criteria.MaxAttempts),
            _integer.CreateParameter(command, "batch_size", criteria.BatchSize),
            _timestamp.CreateParameter(command, "unconfirmed_if_created_before", criteria.UnconfirmedIfCreatedBefore),
        ];
    }
}
