using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using Xunit.Abstractions;

namespace TwilioCallTracking.EntityFramework.Tests.Stores;

/// <summary>
/// The dispatcher's claim and the partial index <c>ix_call_notification_deliveries_due</c> share their filter; both
/// databases must be able to prove the index applies, or every claim would read every delivery ever made (the log).
/// </summary>
public sealed class NotificationClaimPlanTests(ITestOutputHelper output)
{
    private static readonly NotificationClaimCriteria Criteria = new()
    {
        Now = new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero),
        BatchSize = 50,
        Owner = "plan",
        LeaseExpiresAt = new DateTimeOffset(2026, 11, 24, 16, 2, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Sqlite_ClaimWalksThePartialIndex()
    {
        await using var db = new SqliteCallTrackingDbContext(TestDatabases.Sqlite<SqliteCallTrackingDbContext>(TestDatabases.NewSqlite()));
        await db.Database.MigrateAsync();

        var plan = await PlanAsync(db, "EXPLAIN QUERY PLAN ", isPostgreSql: false, column: 3);

        Assert.Contains("ix_call_notification_deliveries_due", plan, StringComparison.Ordinal);
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

        Assert.Contains("ix_call_notification_deliveries_due", plan, StringComparison.Ordinal);
    }

    private Task<string> PlanAsync(DbContext db, string explain, bool isPostgreSql, int column)
    {
        var claim = new NotificationClaim(db.Model, db.GetService<ISqlGenerationHelper>(), isPostgreSql);
        return QueryPlan.ExplainAsync(db, explain, claim.Sql, claim.Parameters(db, Criteria, Guid.NewGuid()), column, output);
    }
}
