using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MinimalCrm.Data;

/// <summary>
/// The demo tenants, users and contacts, added to an empty database: <c>alice@acme.test</c> (tenant <c>acme</c>) and
/// <c>bob@globex.test</c> (tenant <c>globex</c>), both with <see cref="Password"/>.
/// </summary>
public static class DemoData
{
    /// <summary>The demo users' password.</summary>
    public const string Password = "demo1234";

    /// <summary>The first demo tenant (the one that uses TWILIO_* in real mode).</summary>
    public const string AcmeTenant = "acme";

    /// <summary>The second demo tenant.</summary>
    public const string GlobexTenant = "globex";

    /// <summary>Adds the demo data when the database has no tenant yet; returns whether it did.</summary>
    public static async Task<bool> SeedAsync(CrmDbContext db, IPasswordHasher<CrmUser> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        db.Tenants.AddRange(new Tenant { Id = AcmeTenant, Name = "Acme Corp" }, new Tenant { Id = GlobexTenant, Name = "Globex Inc" });
        db.Users.AddRange(User(hasher, AcmeTenant, "alice@acme.test", "Alice Martin"), User(hasher, GlobexTenant, "bob@globex.test", "Bob Chen"));
        db.Contacts.AddRange(
            Contact(AcmeTenant, "Grace Hopper", "Navy Labs", now, ("mobile", "+14155550101"), ("work", "+14155550111")),
            Contact(AcmeTenant, "Alan Turing", "Bletchley Park", now, ("mobile", "+14155550102")),
            Contact(AcmeTenant, "Ada Lovelace", "Analytical Engines", now, ("mobile", "+14155550103")),
            Contact(AcmeTenant, "Linus Torvalds", null, now, ("work", "+14155550104")),

            // In simulator mode the last four digits of the number dialled choose what happens (README: simulator scenarios).
            Contact(AcmeTenant, "Bea Busy", "Simulator: busy", now, ("mobile", "+14155550001")),
            Contact(AcmeTenant, "Noah Noanswer", "Simulator: no-answer", now, ("mobile", "+14155550002")),
            Contact(AcmeTenant, "Fay Failed", "Simulator: failed", now, ("mobile", "+14155550003")),
            Contact(AcmeTenant, "Dee Duplicate", "Simulator: every callback twice", now, ("mobile", "+14155550004")),
            Contact(AcmeTenant, "Otto Outoforder", "Simulator: completed arrives first", now, ("mobile", "+14155550005")),
            Contact(AcmeTenant, "Hal Hangup", "Simulator: hangs up at once", now, ("mobile", "+14155550006")),
            Contact(AcmeTenant, "Ivan Invalid", "Simulator: Twilio refuses (21211)", now, ("mobile", "+15005550001")),

            Contact(GlobexTenant, "Hank Scorpio", "Globex", now, ("mobile", "+12125550101")),
            Contact(GlobexTenant, "Frank Grimes", "Power Plant", now, ("work", "+12125550102")));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static CrmUser User(IPasswordHasher<CrmUser> hasher, string tenantId, string email, string name)
    {
        var user = new CrmUser { Id = Guid.NewGuid(), TenantId = tenantId, Email = email, DisplayName = name, PasswordHash = string.Empty };
        user.PasswordHash = hasher.HashPassword(user, Password);
        return user;
    }

    private static Contact Contact(string tenantId, string name, string? company, DateTimeOffset now, params (string Label, string Number)[] phones)
    {
        var contact = new Contact { Id = Guid.NewGuid(), TenantId = tenantId, Name = name, Company = company, CreatedAt = now };
        contact.Phones.AddRange(phones.Select(p => new ContactPhone { Id = Guid.NewGuid(), ContactId = contact.Id, TenantId = tenantId, Label = p.Label, Number = p.Number }));
        return contact;
    }
}
