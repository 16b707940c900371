using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The insert that fans one notification out to its targets: one pending delivery per target, all in one statement,
/// <c>INSERT … SELECT</c> from the tenant's notification (so nothing is written for a notification the tenant does not
/// have) <c>ON CONFLICT (notification_id, target) DO NOTHING</c> (so the unique key, not a read, decides which targets
/// are new, for two dispatchers at once too). Built once per model.
/// </summary>
internal sealed class NotificationFanOut
{
    private readonly string _head;
    private readonly string _tail;
    private readonly RelationalTypeMapping _notificationId;
    private readonly RelationalTypeMapping _tenantId;
    private readonly RelationalTypeMapping _timestamp;
    private readonly RelationalTypeMapping _deliveryId;
    private readonly RelationalTypeMapping _target;

    public NotificationFanOut(IModel model, ISqlGenerationHelper sql)
    {
        Model = model;
        var notifications = model.FindEntityType(typeof(CallNotification)) ?? throw CallTrackingModelMissing.For(typeof(CallNotification));
        var deliveries = model.FindEntityType(typeof(NotificationDelivery)) ?? throw CallTrackingModelMissing.For(typeof(NotificationDelivery));
        var notificationTable = sql.DelimitIdentifier(notifications.GetTableName()!, notifications.GetSchema());
        var deliveryTable = sql.DelimitIdentifier(deliveries.GetTableName()!, deliveries.GetSchema());
        _notificationId = notifications.FindProperty(nameof(CallNotification.Id))!.GetRelationalTypeMapping();
        _tenantId = notifications.FindProperty(nameof(CallNotification.TenantId))!.GetRelationalTypeMapping();
        _timestamp = deliveries.FindProperty(nameof(NotificationDelivery.CreatedAt))!.GetRelationalTypeMapping();
        _deliveryId = deliveries.FindProperty(nameof(NotificationDelivery.Id))!.GetRelationalTypeMapping();
        _target = deliveries.FindProperty(nameof(NotificationDelivery.Target))!.GetRelationalTypeMapping();

        // {0} notification id, {1} tenant, {2} due and created at; then (delivery id, target) pairs from {3} on.
        _head = $$"""
            INSERT INTO {{deliveryTable}} (id, notification_id, tenant_id, target, state, attempts, next_attempt_at, created_at)
            SELECT t.id, n.id, n.tenant_id, t.target, '{{NotificationColumns.Pending}}', 0, {2}, {2}
            FROM {{notificationTable}} AS n, (
            """;
        _tail = """
            ) AS t
            WHERE n.id = {0} AND n.tenant_id = {1}
            ON CONFLICT (notification_id, target) DO NOTHING
            """;
    }

    /// <summary>The model the statement was built for.</summary>
    public IModel Model { get; }

    /// <summary>
    /// Inserts the deliveries of <paramref name="notification"/> to <paramref name="targets"/> that it has none for yet,
    /// due and created at <paramref name="at"/>. Targets go in one order (ordinal), so two dispatchers fanning out the
    /// same notification wait for each other's keys in that order, never in a circle.
    /// </summary>
    public Task<int> ExecuteAsync(DbContext db, CallNotification notification, IEnumerable<NotificationTarget> targets, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sorted = targets.Distinct().OrderBy(t => t.Value, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return Task.FromResult(0);
        }

        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>
        {
            _notificationId.CreateParameter(command, "p0", notification.Id),
            _tenantId.CreateParameter(command, "p1", notification.TenantId),
            _timestamp.CreateParameter(command, "p2", at),
        };
        var rows = new StringBuilder();
        foreach (var target in sorted)
        {
            var (id, value) = (parameters.Count, parameters.Count + 1);
            rows.Append(rows.Length == 0 ? "SELECT " : " UNION ALL SELECT ")
                .Append(CultureInfo.InvariantCulture, $"{{{id}}} AS id, {{{value}}} AS target");
            parameters.Add(_deliveryId.CreateParameter(command, $"p{id}", Guid.CreateVersion7(at)));
            parameters.Add(_target.CreateParameter(command, $"p{value}", target));
        }

        // Only the model's names and placeholders are in the text; every value is a parameter.
        var sql = _head + rows + _tail;
        return db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }
}
