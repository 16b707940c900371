using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The versioned <c>UPDATE calls SET … , version = version + 1 WHERE id AND tenant_id AND version = @expected</c> of
/// <see cref="EntityFrameworkCallStore{TContext}"/>, built once from the model (table, schema, columns, type mappings
/// and value converters) like <see cref="InsertStatement"/>. It sets every property the model maps for
/// <see cref="Call"/> except its key, tenant and version (and the sweeper's shadow columns), so a field added to
/// <see cref="Call"/> and its mapping is written without being listed here.
/// </summary>
internal sealed class UpdateStatement
{
    private static readonly HashSet<string> NotUpdated = [nameof(Call.Id), nameof(Call.TenantId), nameof(Call.Version)];

    private readonly IProperty[] _set;
    private readonly RelationalTypeMapping[] _setMappings;
    private readonly IProperty _id;
    private readonly IProperty _tenant;
    private readonly IProperty _version;
    private readonly string _sql;

    private UpdateStatement(IProperty[] set, IProperty id, IProperty tenant, IProperty version, string sql)
    {
        _set = set;
        _setMappings = [.. set.Select(p => p.GetRelationalTypeMapping())];
        _id = id;
        _tenant = tenant;
        _version = version;
        _sql = sql;
        PositionalSql = InsertStatement.Positional(sql);
    }

    public static UpdateStatement For(IModel model, ISqlGenerationHelper sql)
    {
        var calls = model.FindEntityType(typeof(Call)) ?? throw CallTrackingModelMissing.For(typeof(Call));
        var table = StoreObjectIdentifier.Table(calls.GetTableName()!, calls.GetSchema());
        IProperty Property(string name) => calls.FindProperty(name) ?? throw CallTrackingModelMissing.For(typeof(Call));
        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);

        var set = calls.GetProperties().Where(p => !p.IsShadowProperty() && !NotUpdated.Contains(p.Name)).ToArray();
        var id = Property(nameof(Call.Id));
        var tenant = Property(nameof(Call.TenantId));
        var version = Property(nameof(Call.Version));
        var n = set.Length;
        var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET " +
            string.Join(", ", set.Select((p, i) => $"{Column(p)} = {{{i}}}")) +
            $", {Column(version)} = {Column(version)} + 1" +
            $" WHERE {Column(id)} = {{{n}}} AND {Column(tenant)} = {{{n + 1}}} AND {Column(version)} = {{{n + 2}}}";
        return new UpdateStatement(set, id, tenant, version, text);
    }

    /// <summary>The statement with PostgreSQL's positional parameters, for a <see cref="DbBatch"/>.</summary>
    public string PositionalSql { get; }

    /// <summary>Writes <paramref name="next"/> over the call if its version is still <paramref name="expectedVersion"/>; the rows updated.</summary>
    public Task<int> ExecuteAsync(DbContext context, Guid callId, string tenantId, long expectedVersion, Call next, CancellationToken cancellationToken)
    {
        using var command = context.Database.GetDbConnection().CreateCommand();
        return context.Database.ExecuteSqlRawAsync(_sql, Parameters(command, callId, tenantId, expectedVersion, next), cancellationToken);
    }

    /// <summary>The statement's parameters, made by <paramref name="factory"/>'s provider.</summary>
    public DbParameter[] Parameters(DbCommand factory, Guid callId, string tenantId, long expectedVersion, Call next)
    {
        var parameters = new DbParameter[_set.Length + 3];
        for (var i = 0; i < _set.Length; i++)
        {
            var value = _set[i].GetGetter().GetClrValueUsingContainingEntity(next);
            parameters[i] = _setMappings[i].CreateParameter(factory, $"p{i}", value, _set[i].IsNullable);
        }

        parameters[_set.Length] = _id.GetRelationalTypeMapping().CreateParameter(factory, $"p{_set.Length}", callId, false);
        parameters[_set.Length + 1] = _tenant.GetRelationalTypeMapping().CreateParameter(factory, $"p{_set.Length + 1}", tenantId, false);
        parameters[_set.Length + 2] = _version.GetRelationalTypeMapping().CreateParameter(factory, $"p{_set.Length + 2}", expectedVersion, false);
        return parameters;
    }
}
