using Microsoft.EntityFrameworkCore;
using MinimalCrm.Data;
using TwilioCallTracking;

namespace MinimalCrm.Contacts;

/// <summary>
/// How call tracking finds the contact an inbound caller is (registered with <c>AddContactLookup&lt;CrmContactLookup&gt;()</c>):
/// contacts' numbers are stored in E.164, so an equality lookup is enough.
/// </summary>
/// <param name="db">The CRM database.</param>
public sealed class CrmContactLookup(CrmDbContext db) : IContactLookup
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default) =>
        await db.ContactPhones.Where(p => p.TenantId == tenantId && p.Number == e164Number).Select(p => p.ContactId).Distinct().ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<bool> ContactExistsAsync(string tenantId, Guid contactId, CancellationToken cancellationToken = default) =>
        db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.Id == contactId, cancellationToken);
}
