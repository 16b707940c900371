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
        PositionalSql = Positional(sql);
    }

    /// <summary>Turns the <c>{0}</c> placeholders of <c>ExecuteSqlRaw</c> into PostgreSQL's <c>$1</c>.</summary>
    internal static string Positional(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"\{(\d+)\}", m => "$" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

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

    /// <summary>The statement with PostgreSQL's positional parameters (<c>$1</c>, <c>$2</c>, …), for a <see cref="DbBatch"/>.</summary>
    public string PositionalSql { get; }

    /// <summary>Inserts <paramref name="entity"/>; returns whether a row was written (false: a unique key or the guard said no).</summary>
    public async Task<bool> ExecuteAsync(DbContext context, object entity, CancellationToken cancellationToken)
    {
        using var command = context.Database.GetDbConnection().CreateCommand();
        return await context.Database.ExecuteSqlRawAsync(_sql, Parameters(command, entity), cancellationToken) > 0;
    }

    /// <summary>The statement's parameters for <paramref name="entity"/>, made by <paramref name="factory"/>'s provider.</summary>
    public DbParameter[] Parameters(DbCommand factory, object entity)
    {
        var parameters = new DbParameter[_properties.Length];
        for (var i = 0; i < _properties.Length; i++)
        {
            var value = _properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
            parameters[i] = _mappings[i].CreateParameter(factory, $"p{i}", value, _properties[i].IsNullable);
        }

        return parameters;
    }
}
