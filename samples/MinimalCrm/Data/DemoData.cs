using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinimalCrm.Accounts;

namespace MinimalCrm.Data;

/// <summary>
/// The demo tenants, users and contacts, for the Development environment only: each tenant has an administrator
/// (<c>alice@acme.test</c>, <c>bob@globex.test</c>) and a rep (<c>ravi@acme.test</c>, <c>rita@globex.test</c>), all
/// with <see cref="Password"/>. Outside Development nothing is added and these users cannot sign in.
/// </summary>
public static class DemoData
{
    /// <summary>The demo users' password (Development only).</summary>
    public const string Password = "demo1234";

    /// <summary>The first demo tenant (the one that uses TWILIO_* in real mode).</summary>
    public const string AcmeTenant = "acme";

    /// <summary>The second demo tenant.</summary>
    public const string GlobexTenant = "globex";

    /// <summary>The demo users: one administrator and one rep per demo tenant.</summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("alice@acme.test", "Alice Martin", AcmeTenant, CrmRole.Admin),
        new("ravi@acme.test", "Ravi Shah", AcmeTenant, CrmRole.Rep),
        new("bob@globex.test", "Bob Chen", GlobexTenant, CrmRole.Admin),
        new("rita@globex.test", "Rita Gomez", GlobexTenant, CrmRole.Rep),
    ];

    /// <summary>Whether <paramref name="email"/> (lower case) is a demo user's, who may sign in only in Development.</summary>
    public static bool IsDemoUser(string email) => Users.Any(u => u.Email == email);

    /// <summary>
    /// Adds the demo tenants and contacts when the database has no tenant yet, and every demo user that is missing (a
    /// database made before roles existed gets its reps, and its administrators their role); returns whether it added anything.
    /// </summary>
    public static async Task<bool> SeedAsync(CrmDbContext db, IPasswordHasher<CrmUser> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var added = false;
        var tenants = await db.Tenants.Select(t => t.Id).ToListAsync(cancellationToken);
        if (tenants.Count == 0)
        {
            AddTenantsAndContacts(db, time.GetUtcNow());
            tenants = [AcmeTenant, GlobexTenant];
            added = true;
        }

        var emails = Users.Select(u => u.Email).ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, cancellationToken);
        foreach (var demo in Users)
        {
            if (!existing.TryGetValue(demo.Email, out var user))
            {
                if (!tenants.Contains(demo.TenantId))
                {
                    continue;   // the database has tenants of its own, not this demo tenant
                }

                db.Users.Add(User(hasher, demo));
                added = true;
            }
            else
            {
                user.Role = demo.Role;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private static void AddTenantsAndContacts(CrmDbContext db, DateTimeOffset now)
    {
        db.Tenants.AddRange(new Tenant { Id = AcmeTenant, Name = "Acme Corp" }, new Tenant { Id = GlobexTenant, Name = "Globex Inc" });
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
    }

    private static CrmUser User(IPasswordHasher<CrmUser> hasher, DemoUser demo)
    {
        var user = new CrmUser
        {
            Id = Guid.NewGuid(), TenantId = demo.TenantId, Email = demo.Email, DisplayName = demo.DisplayName, PasswordHash = string.Empty, Role = demo.Role,
        };
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
