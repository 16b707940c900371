using Microsoft.Data.Sqlite;
using Npgsql;

namespace TwilioCallTracking.EntityFramework.Stores;

/// <summary>Recognises the provider errors the stores translate into their own results, so callers never see EF, Npgsql or SQLite types.</summary>
internal static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A unique index or primary key refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY).</summary>
    public static bool IsUniqueViolation(Exception exception) => Find(exception, e => e switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    });

    /// <summary>PostgreSQL aborted the transaction to resolve a deadlock or a serialization failure: reading again and retrying is safe.</summary>
    public static bool IsTransientConflict(Exception exception) => Find(exception, e =>
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure });

    private static bool Find(Exception? exception, Func<Exception, bool> match)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (match(exception))
            {
                return true;
            }
        }

        return false;
    }
}
