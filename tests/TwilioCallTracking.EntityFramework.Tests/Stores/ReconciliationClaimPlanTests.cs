using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Contract;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using Xunit.Abstractions;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>
/// The claim query and the partial index <c>ix_calls_reconcile</c> share their filter; both databases must be able to
/// prove the index applies (a planner compares the clauses literally), or every sweep would read the whole table.
/// </summary>
public sealed class ReconciliationClaimPlanTests(ITestOutputHelper output)
{
    private static readonly ReconciliationCriteria Criteria = StoreTestData.Sweep(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), maxAttempts: 12);

    [Fact]
    public async Task Sqlite_ClaimWalksThePartialIndex()
    {
        await using var db = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(TestDatabases.NewSqlite()));
        await db.Database.MigrateAsync();

        var plan = await PlanAsync(db, "EXPLAIN QUERY PLAN ", isPostgreSql: false, column: 3);

        Assert.Contains("ix_calls_reconcile", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PostgreSql_ClaimCanWalkThePartialIndex()
    {
        await using var db = new PostgreSqlCallTrackingDbContext(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(await TestDatabases.NewPostgreSqlAsync()));
        await db.Database.MigrateAsync();
        await db.Database.OpenConnectionAsync();

        // An empty table is cheapest to scan; with scans priced out, only an index the planner can prove usable remains.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        var plan = await PlanAsync(db, "EXPLAIN ", isPostgreSql: true, column: 0);

        Assert.Contains("ix_calls_reconcile", plan, StringComparison.Ordinal);
    }

    private Task<string> PlanAsync(DbContext db, string explain, bool isPostgreSql, int column)
    {
        var claim = new ReconciliationClaim(db.Model, db.GetService<ISqlGenerationHelper>(), isPostgreSql);
        return QueryPlan.ExplainAsync(db, explain, claim.Sql, claim.Parameters(db, Criteria, Guid.NewGuid()), column, output);
    }
}
