using System.Data.Common;
using System.Reflection;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Recognises the provider errors the stores translate into their own results, so callers never see EF, Npgsql or SQLite
/// types. Works through <see cref="DbException"/> only: this package references no provider.
/// </summary>
internal static class DatabaseErrors
{
    // PostgreSQL's SQLSTATEs, exposed by Npgsql's PostgresException as DbException.SqlState.
    private const string PostgreSqlUniqueViolation = "23505";
    private const string PostgreSqlSerializationFailure = "40001";
    private const string PostgreSqlDeadlockDetected = "40P01";

    // SQLite's extended result codes SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE.
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A unique index or primary key refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY).</summary>
    public static bool IsUniqueViolation(Exception exception) => Find(exception, e =>
        e.SqlState == PostgreSqlUniqueViolation
        || SqliteExtendedErrorCode(e) is SqliteConstraintUnique or SqliteConstraintPrimaryKey);

    /// <summary>PostgreSQL aborted the transaction to resolve a deadlock or a serialization failure: reading again and retrying is safe.</summary>
    public static bool IsTransientConflict(Exception exception) => Find(exception, e =>
        e.SqlState is PostgreSqlDeadlockDetected or PostgreSqlSerializationFailure);

    /// <summary>
    /// Microsoft.Data.Sqlite's <c>SqliteException.SqliteExtendedErrorCode</c>, or <see langword="null"/> for other
    /// exceptions. SqliteException shows nothing of its code through <see cref="DbException"/> (ErrorCode is E_FAIL,
    /// SqlState is null), so the property is read by name; it runs only on a failed write.
    /// </summary>
    private static int? SqliteExtendedErrorCode(DbException exception)
    {
        var type = exception.GetType();
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.FullName == "Microsoft.Data.Sqlite.SqliteException")
            {
                return t.GetProperty("SqliteExtendedErrorCode", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) as int?;
            }
        }

        return null;
    }

    private static bool Find(Exception? exception, Func<DbException, bool> match)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException db && match(db))
            {
                return true;
            }
        }

        return false;
    }
}
