using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TwilioCallTracking.EntityFramework.PostgreSql;

/// <summary>
/// Sets PostgreSQL's <c>app.tenant_id</c> on every connection a context opens, from the context's
/// <see cref="ICallTrackingTenantContext.TenantId"/> (empty when it has none), so the row-level-security policies of
/// <see cref="CallTrackingRowLevelSecurity"/> let your own queries of the call tracking tables see that tenant's rows
/// only. Add it with <c>db.UseNpgsql(…).AddInterceptors(new CallTrackingTenantSessionInterceptor())</c>. The stores do
/// not need it: they name the tenant in each of their transactions.
/// </summary>
/// <remarks>
/// The value is read when the connection opens: set the context's tenant before its first query. It costs one round
/// trip per opened connection. Without it, a context's queries of these tables see no rows.
/// </remarks>
public sealed class CallTrackingTenantSessionInterceptor : DbConnectionInterceptor
{
    /// <inheritdoc/>
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        using var command = Command(connection, eventData);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        await using var command = Command(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, ConnectionEndEventData eventData)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{CallTrackingRowLevelSecurity.TenantSetting}', @tenant, false)";
        var tenant = command.CreateParameter();
        tenant.ParameterName = "tenant";
        tenant.Value = (eventData.Context as ICallTrackingTenantContext)?.TenantId ?? string.Empty;
        command.Parameters.Add(tenant);
        return command;
    }
}
