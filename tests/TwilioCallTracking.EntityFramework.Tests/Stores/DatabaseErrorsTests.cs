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

    [Fact]
    public void OtherExceptions_AreNeither()
    {
        var error = new InvalidOperationException("no database error here");

        Assert.False(DatabaseErrors.IsUniqueViolation(error));
        Assert.False(DatabaseErrors.IsTransientConflict(error));
    }
}
