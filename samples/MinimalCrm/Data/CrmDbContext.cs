using Microsoft.EntityFrameworkCore;
using MinimalCrm.Accounts;

namespace MinimalCrm.Data;

/// <summary>
/// The CRM's own tables (tenants, users, contacts and their phone numbers), on the same database as call tracking.
/// Each provider has its own subclass so that each keeps its own migrations: <see cref="SqliteCrmDbContext"/> and
/// <see cref="PostgresCrmDbContext"/>.
/// </summary>
public abstract class CrmDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The table EF Core records the CRM's applied migrations in (call tracking keeps its own).</summary>
    public const string MigrationsHistoryTable = "__crm_migrations_history";

    /// <summary>The tenants.</summary>
    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>The users who sign in.</summary>
    public DbSet<CrmUser> Users => Set<CrmUser>();

    /// <summary>The contacts.</summary>
    public DbSet<Contact> Contacts => Set<Contact>();

    /// <summary>The contacts' phone numbers.</summary>
    public DbSet<ContactPhone> ContactPhones => Set<ContactPhone>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(t =>
        {
            t.ToTable("crm_tenants");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasColumnName("id").HasMaxLength(64);
            t.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        });

        modelBuilder.Entity<CrmUser>(u =>
        {
            u.ToTable("crm_users");
            u.HasKey(x => x.Id);
            u.Property(x => x.Id).HasColumnName("id");
            u.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            u.Property(x => x.Email).HasColumnName("email").HasMaxLength(320);
            u.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(200);
            u.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(500);
            // By name ("Admin", "Rep"); users that existed before roles are reps (least privilege).
            u.Property(x => x.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(16).HasDefaultValue(CrmRole.Rep);
            u.HasIndex(x => x.Email).IsUnique();
            u.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId);
        });

        modelBuilder.Entity<Contact>(c =>
        {
            c.ToTable("crm_contacts");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            c.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            c.Property(x => x.Company).HasColumnName("company").HasMaxLength(200);
            c.Property(x => x.CreatedAt).HasColumnName("created_at");
            c.HasIndex(x => new { x.TenantId, x.Name });
            c.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId);
            c.HasMany(x => x.Phones).WithOne().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ContactPhone>(p =>
        {
            p.ToTable("crm_contact_phones");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).HasColumnName("id");
            p.Property(x => x.ContactId).HasColumnName("contact_id");
            p.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            p.Property(x => x.Label).HasColumnName("label").HasMaxLength(40);
            p.Property(x => x.Number).HasColumnName("number").HasMaxLength(16);
            p.HasIndex(x => new { x.TenantId, x.Number });
        });
    }
}
