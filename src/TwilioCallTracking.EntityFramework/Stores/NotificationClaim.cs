using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The one statement that claims due deliveries for the dispatchers: it picks them, leases them and returns them, so no
/// two dispatchers, in one process or in several, can claim one delivery. Built once per model (table, schema, type
/// mappings), like <see cref="ReconciliationClaim"/>.
/// </summary>
internal sealed class NotificationClaim
{
    // {0} lease id, {1} lease expiry, {2} now, {3} batch size. The first condition is the due index's filter, word for word.
    private const string Due = $$"""
        {{NotificationColumns.IsPending}}
              AND next_attempt_at <= {2}
              AND (lease_expires_at IS NULL OR lease_expires_at <= {2})
        """;

    private readonly RelationalTypeMapping _timestamp;
    private readonly RelationalTypeMapping _leaseId;
    private readonly RelationalTypeMapping _integer;

    public NotificationClaim(IModel model, ISqlGenerationHelper sql, bool isPostgreSql)
    {
        Model = model;
        var deliveries = model.FindEntityType(typeof(NotificationDelivery)) ?? throw CallTrackingModelMissing.For(typeof(NotificationDelivery));
        var table = sql.DelimitIdentifier(deliveries.GetTableName()!, deliveries.GetSchema());
        _timestamp = deliveries.FindProperty(NotificationColumns.LeaseExpiresAt)!.GetRelationalTypeMapping();
        _leaseId = deliveries.FindProperty(NotificationColumns.LeaseId)!.GetRelationalTypeMapping();
        _integer = deliveries.FindProperty(nameof(NotificationDelivery.Attempts))!.GetRelationalTypeMapping();

        // PostgreSQL: the locking CTE runs exactly once and SKIP LOCKED passes over the rows another dispatcher is claiming
        // (as the reconciliation claim does). SQLite: one writer at a time, and one UPDATE statement is atomic.
        Sql = isPostgreSql
            ? $$"""
                WITH due AS MATERIALIZED (
                    SELECT id FROM {{table}}
                    WHERE {{Due}}
                    ORDER BY next_attempt_at, id
                    LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                UPDATE {{table}} AS d SET lease_id = {0}, lease_expires_at = {1}
                FROM due WHERE d.id = due.id
                RETURNING d.*
                """
            : $$"""
                UPDATE {{table}} SET lease_id = {0}, lease_expires_at = {1}
                WHERE id IN (
                    SELECT id FROM {{table}}
                    WHERE {{Due}}
                    ORDER BY next_attempt_at, id
                    LIMIT {3})
                RETURNING *
                """;
    }

    /// <summary>The model the statement was built for.</summary>
    public IModel Model { get; }

    /// <summary>The statement, with <c>{0}</c>…<c>{3}</c> for the parameters of <see cref="Parameters"/>.</summary>
    public string Sql { get; }

    /// <summary>The statement's parameters, converted as the model stores them (UTC microseconds, Guid text on SQLite).</summary>
    public DbParameter[] Parameters(DbContext db, NotificationClaimCriteria criteria, Guid leaseId)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        return
        [
            _leaseId.CreateParameter(command, "lease_id", leaseId),
            _timestamp.CreateParameter(command, "lease_expires_at", criteria.LeaseExpiresAt),
            _timestamp.CreateParameter(command, "now", criteria.Now),
            _integer.CreateParameter(command, "batch_size", criteria.BatchSize),
        ];
    }
}
