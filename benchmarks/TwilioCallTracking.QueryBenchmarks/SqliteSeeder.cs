using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.Sqlite;

namespace TwilioCallTracking.QueryBenchmarks;

/// <summary>
/// Bulk-loads the seed into the migrated SQLite file: one transaction, one prepared INSERT per table, values converted
/// by the model's own type mappings (so they are stored exactly as the EF Core store writes them).
/// </summary>
internal static class SqliteSeeder
{
    public static async Task SeedAsync(SqliteCallTrackingDbContext db, SeedData data)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            using var calls = Insert(connection, transaction, db.Model.FindEntityType(typeof(Call))!);
            using var events = Insert(connection, transaction, db.Model.FindEntityType(typeof(CallEvent))!);
            foreach (var (call, timeline) in data.Generate())
            {
                calls.Execute(call);
                foreach (var e in timeline)
                {
                    events.Execute(e);
                }
            }

            await transaction.CommitAsync();
        }

        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    private static PreparedInsert Insert(SqliteConnection connection, SqliteTransaction transaction, IEntityType entity) => new(connection, transaction, entity);

    private sealed class PreparedInsert : IDisposable
    {
        private readonly IProperty[] _properties;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly SqliteCommand _command;

        public PreparedInsert(SqliteConnection connection, SqliteTransaction transaction, IEntityType entity)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, null);
            _properties = [.. entity.GetProperties()];
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", _properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
                $"VALUES ({string.Join(", ", _properties.Select((_, i) => $"$p{i}"))})";
            _mappings = [.. _properties.Select(p => p.GetRelationalTypeMapping())];

            // Parameters typed once by the model's mappings (Guid as TEXT, …); each row only sets their values.
            for (var i = 0; i < _properties.Length; i++)
            {
                _command.Parameters.Add(_mappings[i].CreateParameter(_command, $"$p{i}", null, _properties[i].IsNullable));
            }

            _command.Prepare();
        }

        public void Execute(object entity)
        {
            for (var i = 0; i < _properties.Length; i++)
            {
                var value = _properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
                _command.Parameters[i].Value = (value is null ? null : _mappings[i].Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
