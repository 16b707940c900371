using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>How a database would run a store's own statement: its plan, as text (and in the test's output).</summary>
internal static class QueryPlan
{
    /// <summary>
    /// Runs <paramref name="explain"/> (<c>EXPLAIN QUERY PLAN </c> on SQLite, <c>EXPLAIN </c> on PostgreSQL) on
    /// <paramref name="sql"/>, whose <c>{0}</c>… placeholders name <paramref name="parameters"/>, and returns the plan's
    /// <paramref name="column"/>, a line per row.
    /// </summary>
    public static async Task<string> ExplainAsync(DbContext db, string explain, string sql, DbParameter[] parameters, int column, ITestOutputHelper output)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = explain + string.Format(CultureInfo.InvariantCulture, sql, [.. parameters.Select(p => "@" + p.ParameterName)]);
        command.Parameters.AddRange(parameters);
        var lines = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)!);
            }
        }

        var plan = string.Join('\n', lines);
        output.WriteLine(plan);
        return plan;
    }
}
