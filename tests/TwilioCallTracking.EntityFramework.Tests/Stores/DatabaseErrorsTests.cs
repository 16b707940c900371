using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>The provider errors the stores translate, recognised without referencing a provider.</summary>
public sealed class DatabaseErrorsTests
{
    [Theory]
    [InlineData(2067, true)]  // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(1555, true)]  // SQLITE_CONSTRAINT_PRIMARYKEY
    [InlineData(787, false)]  // SQLITE_CONSTRAINT_FOREIGNKEY
    [InlineData(1299, false)] // SQLITE_CONSTRAINT_NOTNULL
    public void Sqlite_ExtendedConstraintCode_DecidesAUniqueViolation(int extendedCode, bool unique)
    {
        var error = new DbUpdateException("save failed", new SqliteException("constraint failed", 19, extendedCode));

        Assert.Equal(unique, DatabaseErrors.IsUniqueViolation(error));
        Assert.False(DatabaseErrors.IsTransientConflict(error));
    }

    [Theory]
    [InlineData("23505", true, false)]
    [InlineData("40001", false, true)]
    [InlineData("40P01", false, true)]
    [InlineData("23503", false, false)]
    public void PostgreSql_SqlState_DecidesTheKind(string sqlState, bool unique, bool transient)
    {
        var error = new DbUpdateException("save failed", new PostgresException("failed", "ERROR", "ERROR", sqlState));

        Assert.Equal(unique, DatabaseErrors.IsUniqueViolation(error));
        Assert.Equal(transient, DatabaseErrors.IsTransientConflict(error));
    }

    [Theory]
    [InlineData(5, true)]     // SQLITE_BUSY: another connection holds the file past the busy timeout
    [InlineData(517, true)]   // SQLITE_BUSY_SNAPSHOT
    [InlineData(6, true)]     // SQLITE_LOCKED
    [InlineData(2067, false)] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(1, false)]    // SQLITE_ERROR (bad SQL: a bug, not an outage)
    public void Sqlite_BusyOrLocked_IsUnavailable(int extendedCode, bool unavailable)
    {
        var error = new InvalidOperationException("wrapped", new SqliteException("failed", extendedCode & 0xFF, extendedCode));

        Assert.Equal(unavailable, DatabaseErrors.IsUnavailable(error));
    }

    [Theory]
    [InlineData("08006", true)]  // connection failure
    [InlineData("57P01", true)]  // admin shutdown (the server is stopping)
    [InlineData("57P03", true)]  // cannot connect now (the server is starting)
    [InlineData("53300", true)]  // too many connections
    [InlineData("57014", true)]  // statement cancelled (a timeout)
    [InlineData("40001", false)] // serialization failure: the store retries it itself
    [InlineData("40P01", false)] // deadlock: likewise
    [InlineData("23505", false)] // unique violation: an answer, not an outage
    [InlineData("42601", false)] // syntax error: a bug, not an outage
    public void PostgreSql_SqlState_DecidesWhetherTheDatabaseIsUnavailable(string sqlState, bool unavailable)
    {
        var error = new InvalidOperationException("wrapped", new PostgresException("failed", "FATAL", "FATAL", sqlState));

        Assert.Equal(unavailable, DatabaseErrors.IsUnavailable(error));
    }

    [Fact]
    public void ATimeoutOrAnUnreachableServer_IsUnavailable()
    {
        Assert.True(DatabaseErrors.IsUnavailable(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.True(DatabaseErrors.IsUnavailable(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.IsType<StoreUnavailableException>(DatabaseErrors.Unavailable(new TimeoutException()));
    }

    [Fact]
    public void OtherExceptions_AreNeither()
    {
        var error = new InvalidOperationException("no database error here");

        Assert.False(DatabaseErrors.IsUniqueViolation(error));
        Assert.False(DatabaseErrors.IsTransientConflict(error));
        Assert.False(DatabaseErrors.IsUnavailable(error));
    }
}
