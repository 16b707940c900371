using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// An <c>INSERT … ON CONFLICT … DO NOTHING</c> for one entity type, built once from the model (table, schema, columns,
/// type mappings and value converters), so the database's unique keys decide whether a row is new without an exception
/// on the hot path; or, as an upsert, <c>ON CONFLICT (key) DO UPDATE</c>. The syntax is shared by PostgreSQL and SQLite (3.24+).
/// </summary>
internal sealed class InsertStatement
{
    /// <summary>The most rows one multi-row statement inserts: a bound on its parameters, far below both databases' limits.</summary>
    public const int MaxRows = 500;

    private readonly IProperty[] _properties;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _sql;
    private readonly string _head;
    private readonly string? _tail;

    private InsertStatement(IProperty[] properties, string sql, string head, string? tail)
    {
        _properties = properties;
        _mappings = [.. properties.Select(p => p.GetRelationalTypeMapping())];
        _sql = sql;
        _head = head;
        _tail = tail;
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
    /// <param name="updateOnConflict">
    /// An upsert: a row whose <paramref name="conflictTarget"/> exists already gets every other column of the new row.
    /// </param>
    public static InsertStatement For<T>(
        IModel model,
        ISqlGenerationHelper sql,
        string[]? conflictTarget = null,
        (IEntityType Table, (string Column, string Property)[] Match)? guard = null,
        bool updateOnConflict = false)
    {
        if (updateOnConflict && conflictTarget is not { Length: > 0 })
        {
            throw new ArgumentException("An upsert names the key it updates on.", nameof(conflictTarget));
        }

        var entityType = model.FindEntityType(typeof(T)) ?? throw CallTrackingModelMissing.For(typeof(T));
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Shadow properties (the reconciliation bookkeeping) are not the entity's: a new row takes their column defaults.
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"{{{i}}}"));

        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) ";
        var text = new StringBuilder(head);
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

        var tail = new StringBuilder(" ON CONFLICT ");
        if (conflictTarget is { Length: > 0 })
        {
            tail.Append('(').Append(string.Join(", ", conflictTarget.Select(c => sql.DelimitIdentifier(c)))).Append(") ");
        }

        if (updateOnConflict)
        {
            var updated = properties.Select(p => p.GetColumnName(table)!).Where(c => !conflictTarget!.Contains(c, StringComparer.Ordinal))
                .Select(c => $"{sql.DelimitIdentifier(c)} = excluded.{sql.DelimitIdentifier(c)}");
            tail.Append("DO UPDATE SET ").Append(string.Join(", ", updated));
        }
        else
        {
            tail.Append("DO NOTHING");
        }

        text.Append(tail);

        // A guarded insert is one row at a time: its SELECT … WHERE EXISTS names the row's own values.
        return new InsertStatement(properties, text.ToString(), head, guard is null ? tail.ToString() : null);
    }

    /// <summary>The statement with PostgreSQL's positional parameters (<c>$1</c>, <c>$2</c>, …), for a <see cref="DbBatch"/>.</summary>
    public string PositionalSql { get; }

    /// <summary>Inserts (or upserts) <paramref name="entity"/>; returns whether a row was written (false: a unique key or the guard said no).</summary>
    public async Task<bool> ExecuteAsync(DbContext context, object entity, CancellationToken cancellationToken)
    {
        using var command = context.Database.GetDbConnection().CreateCommand();
        return await context.Database.ExecuteSqlRawAsync(_sql, Parameters(command, entity), cancellationToken) > 0;
    }

    /// <summary>The statement's parameters for <paramref name="entity"/>, made by <paramref name="factory"/>'s provider.</summary>
    public DbParameter[] Parameters(DbCommand factory, object entity) => Parameters<object>(factory, new[] { entity });

    /// <summary>
    /// The statement that inserts <paramref name="rows"/> rows at once (<c>VALUES (…), (…)</c>, at most <see cref="MaxRows"/>):
    /// with <c>{0}</c>… for <c>ExecuteSqlRaw</c>, or PostgreSQL's <c>$1</c>… for a <see cref="DbBatch"/> when
    /// <paramref name="positional"/>. Not for a guarded insert.
    /// </summary>
    public string MultiRowSql(int rows, bool positional)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, MaxRows);
        if (_tail is null)
        {
            throw new InvalidOperationException("A guarded insert writes one row at a time.");
        }

        var text = new StringBuilder(_head).Append("VALUES ");
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var i = 0; i < _properties.Length; i++)
            {
                var index = (row * _properties.Length) + i;
                text.Append(i == 0 ? string.Empty : ", ").Append(
                    positional ? "$" + (index + 1).ToString(CultureInfo.InvariantCulture) : "{" + index.ToString(CultureInfo.InvariantCulture) + "}");
            }

            text.Append(')');
        }

        return text.Append(_tail).ToString();
    }

    /// <summary>Inserts <paramref name="entities"/>, <see cref="MaxRows"/> to a statement; returns how many rows were written.</summary>
    public async Task<int> ExecuteAsync<T>(DbContext context, IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        var written = 0;
        using var command = context.Database.GetDbConnection().CreateCommand();
        foreach (var rows in entities.Chunk(MaxRows))
        {
            written += await context.Database.ExecuteSqlRawAsync(MultiRowSql(rows.Length, positional: false), Parameters(command, rows), cancellationToken);
        }

        return written;
    }

    /// <summary>The parameters of <see cref="MultiRowSql"/> for <paramref name="entities"/>, row after row.</summary>
    public DbParameter[] Parameters<T>(DbCommand factory, IReadOnlyList<T> entities)
        where T : class
    {
        var parameters = new DbParameter[entities.Count * _properties.Length];
        for (var row = 0; row < entities.Count; row++)
        {
            for (var i = 0; i < _properties.Length; i++)
            {
                var index = (row * _properties.Length) + i;
                var value = _properties[i].GetGetter().GetClrValueUsingContainingEntity(entities[row]);
                parameters[index] = _mappings[i].CreateParameter(factory, $"p{index}", value, _properties[i].IsNullable);
            }
        }

        return parameters;
    }
}
