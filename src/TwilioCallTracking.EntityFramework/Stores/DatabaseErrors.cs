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

    // PostgreSQL's SQLSTATEs of a server that cannot serve now: too many connections, a statement cancelled (Npgsql's
    // command timeout), a lock not available, shutting down or starting up. Class 08 (connection exceptions) is matched whole.
    private static readonly string[] PostgreSqlUnavailable = ["53300", "57014", "55P03", "57P01", "57P02", "57P03"];

    // SQLite's extended result codes SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE.
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    // SQLite's primary result codes SQLITE_BUSY and SQLITE_LOCKED (the low byte of any extended code): another
    // connection holds the database, and the busy timeout ran out.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>A unique index or primary key refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY).</summary>
    public static bool IsUniqueViolation(Exception exception) => Find(exception, e =>
        e.SqlState == PostgreSqlUniqueViolation
        || SqliteExtendedErrorCode(e) is SqliteConstraintUnique or SqliteConstraintPrimaryKey);

    /// <summary>PostgreSQL aborted the transaction to resolve a deadlock or a serialization failure: reading again and retrying is safe.</summary>
    public static bool IsTransientConflict(Exception exception) => Find(exception, e =>
        e.SqlState is PostgreSqlDeadlockDetected or PostgreSqlSerializationFailure);

    /// <summary>
    /// The database could not take the operation now, and nothing says it would not later: unreachable, restarting, out
    /// of connections, locked by another connection or process past the busy timeout, or slower than the command timeout.
    /// Never a unique violation, a deadlock or a serialization failure, which the stores answer themselves. Npgsql marks
    /// its connection failures transient; SqliteException does not, so SQLite is recognised by its result code.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        if (IsTransientConflict(exception) || IsUniqueViolation(exception))
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException
                || (e is DbException db && (db.IsTransient
                    || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || PostgreSqlUnavailable.Contains(state))
                    || (SqliteExtendedErrorCode(db) & 0xFF) is SqliteBusy or SqliteLocked)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The library's own exception for a database that <see cref="IsUnavailable"/> says cannot serve now.</summary>
    public static StoreUnavailableException Unavailable(Exception exception) => new(
        "The call tracking database could not be reached or did not answer in time (TwilioCallTracking:StoreTimeout bounds every " +
        $"database command and a webhook's wait); nothing was acknowledged, so a webhook answers 503 and Twilio retries it. {exception.Message}",
        exception);

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
