using Microsoft.EntityFrameworkCore;
using Npgsql;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.EntityFramework.Tests.Contract.CallData;

namespace TwilioCallTracking.EntityFramework.Tests.PostgreSql;

/// <summary>
/// The opt-in row-level security on a real PostgreSQL: a non-owner role sees and writes only the tenant named by
/// <c>app.tenant_id</c>, which <see cref="CallTrackingTenantSessionInterceptor"/> sets from the context's tenant.
/// </summary>
public sealed class RowLevelSecurityTests
{
    [SkippableFact]
    public async Task NonOwnerRole_SeesAndWritesOnlyTheContextsTenant()
    {
        var cluster = await PostgresTests.RequireAsync();
        var ownerConnection = await TestDatabases.NewPostgreSqlAsync();
        PostgreSqlCallTrackingDbContext Owner() => new(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(ownerConnection));
        await using (var db = Owner())
        {
            await db.Database.MigrateAsync();
            await CallTrackingRowLevelSecurity.EnableAsync(db);
            await CallTrackingRowLevelSecurity.EnableAsync(db);
        }

        var role = $"crm_app_{Guid.NewGuid():N}";
        await cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        await cluster.ExecuteAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}", ownerConnection);
        var appConnection = new NpgsqlConnectionStringBuilder(ownerConnection) { Username = role }.ConnectionString;
        PostgreSqlCallTrackingDbContext App(string? tenant) => new(TestDatabases.PostgreSql<PostgreSqlCallTrackingDbContext>(
            appConnection, o => o.AddInterceptors(new CallTrackingTenantSessionInterceptor()))) { TenantId = tenant };

        // Webhook hosts write as the owner, which row-level security does not restrict.
        var ownerStore = TestDatabases.CallStore(Owner);
        var (a, b) = (NewCall(NewTenant()), NewCall(NewTenant()));
        await ownerStore.CreateAsync(a, NewEvent(a, "inbound-answered"));
        await ownerStore.CreateAsync(b, NewEvent(b, "inbound-answered"));

        await using (var db = App(a.TenantId))
        {
            Assert.Equal([a.Id], await db.Calls.IgnoreQueryFilters().Select(c => c.Id).ToListAsync());
            Assert.Equal([a.Id], await db.CallEvents.IgnoreQueryFilters().Select(e => e.CallId).ToListAsync());
            var other = NewCall(b.TenantId);
            db.Calls.Add(other);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        }

        await using (var db = App(null))
        {
            Assert.Empty(await db.Calls.IgnoreQueryFilters().ToListAsync());
        }

        // The stores name the tenant on every context, so tenant-scoped reads and writes work under the policies.
        var appStore = TestDatabases.CallStore(() => App(null));
        Assert.Equal([a.Id], (await appStore.ListAsync(a.TenantId, new CallQuery())).Select(c => c.Id));
        Assert.Equal(b.Id, (await appStore.FindBySidAsync(b.TenantId, b.TwilioCallSid!))!.Id);
        var next = a with { };
        next.Status = CallStatus.Ringing;
        Assert.Equal(SaveOutcome.Saved, await appStore.SaveChangeAsync(new VersionedChange(a.TenantId, a.Id, 1, next, NewEvent(a, "ringing"))));
        await using (var db = Owner())
        {
            Assert.Equal(2, await db.Calls.CountAsync());
        }
    }
}
