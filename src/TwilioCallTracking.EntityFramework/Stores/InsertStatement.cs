using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// An <c>INSERT … ON CONFLICT … DO NOTHING</c> for one entity type, built once from the model (table, schema, columns,
/// type mappings and value converters), so the database's unique keys decide whether a row is new without an exception
/// on the hot path. The syntax is shared by PostgreSQL and SQLite (3.24+).
/// </summary>
internal sealed class InsertStatement
{
    private readonly IProperty[] _properties;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _sql;

    private InsertStatement(IProperty[] properties, string sql)
    {
        _properties = properties;
        _mappings = [.. properties.Select(p => p.GetRelationalTypeMapping())];
        _sql = sql;
    }

    /// <summary>
    /// Builds the statement for <typeparamref name="T"/>. With <paramref name="guard"/>, the row is inserted only when the
    /// guard's table has a row whose columns equal the given properties of the new row (e.g. the call, for the tenant).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="sql">The provider's SQL helper.</param>
    /// <param name="conflictTarget">The unique columns that may conflict, or none for any unique key.</param>
    /// <param name="guard">The table and the (guard column, property of <typeparamref name="T"/>) pairs it must match.</param>
    public static InsertStatement For<T>(
        IModel model, ISqlGenerationHelper sql, string[]? conflictTarget = null, (IEntityType Table, (string Column, string Property)[] Match)? guard = null)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw CallTrackingModelMissing.For(typeof(T));
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Shadow properties (the reconciliation bookkeeping) are not the entity's: a new row takes their column defaults.
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"{{{i}}}"));

        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").Append(columns).Append(") ");
        if (guard is { } g)
        {
            var guardTable = StoreObjectIdentifier.Table(g.Table.GetTableName()!, g.Table.GetSchema());
            var conditions = g.Match.Select(m =>
                $"{sql.DelimitIdentifier(m.Column)} = {{{Array.FindIndex(properties, p => p.Name == m.Property)}}}");
            text.Append("SELECT ").Append(values).Append(" WHERE EXISTS (SELECT 1 FROM ")
                .Append(sql.DelimitIdentifier(guardTable.Name, guardTable.Schema)).Append(" WHERE ")
                .Append(string.Join(" AND ", conditions)).Append(')');
        }
        else
        {
            text.Append("VALUES (").Append(values).Append(')');
        }

        text.Append(" ON CONFLICT ");
        if (conflictTarget is { Length: > 0 })
        {
            text.Append('(').Append(string.Join(", ", conflictTarget.Select(c => sql.DelimitIdentifier(c)))).Append(") ");
        }

        _ = text.Append("DO NOTHING");
        return new InsertStatement(properties, text.ToString());
    }

    /// <summary>Inserts <paramref name="entity"/>; returns whether a row was written (false: a unique key or the guard said no).</summary>
    public async Task<bool> ExecuteAsync(DbContext context, object entity, CancellationToken cancellationToken)
    {
        using var command = context.Database.GetDbConnection().CreateCommand();
        var parameters = new DbParameter[_properties.Length];
        for (var i = 0; i < _properties.Length; i++)
        {
            var value = _properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
            parameters[i] = _mappings[i].CreateParameter(command, $"p{i}", value, _properties[i].IsNullable);
        }

        return await context.Database.ExecuteSqlRawAsync(_sql, parameters, cancellationToken) > 0;
    }
}
