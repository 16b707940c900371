using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MinimalCrm.Accounts;
using MinimalCrm.Data;

namespace MinimalCrm.Tests;

/// <summary>The CRM's own migrations, on both providers.</summary>
public sealed class CrmMigrationsTests
{
    [Fact]
    public void BothProviders_HaveAMigrationForEveryModelChange()
    {
        using var sqlite = new SqliteCrmDbContextFactory().CreateDbContext([]);
        using var postgres = new PostgresCrmDbContextFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteCrmDbContext --output-dir Data/Migrations/Sqlite");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresCrmDbContext --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public async Task UsersFromBeforeRoles_BecomeReps_ThenTheDemoDataGivesEachTenantItsAdministratorAndRep()
    {
        var folder = Directory.CreateTempSubdirectory("minimalcrm-migrations-").FullName;
        try
        {
            await using var db = new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder, "crm.db")};Pooling=False", x => x.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)).Options);
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync("20261124162310_InitialCrm");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO crm_tenants (id, name) VALUES ('acme', 'Acme Corp'), ('globex', 'Globex Inc');" +
                "INSERT INTO crm_users (id, tenant_id, email, display_name, password_hash) VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'acme', 'alice@acme.test', 'Alice Martin', 'x');");

            await db.Database.MigrateAsync();
            var before = await db.Users.AsNoTracking().SingleAsync();
            await DemoData.SeedAsync(db, new PasswordHasher<CrmUser>(), TimeProvider.System, CancellationToken.None);

            Assert.Equal(CrmRole.Rep, before.Role);
            Assert.Equal(
                [("alice@acme.test", CrmRole.Admin), ("bob@globex.test", CrmRole.Admin), ("ravi@acme.test", CrmRole.Rep), ("rita@globex.test", CrmRole.Rep)],
                (await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync()).Select(u => (u.Email, u.Role)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
