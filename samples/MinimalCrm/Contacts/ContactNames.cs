using Microsoft.EntityFrameworkCore;
using MinimalCrm.Calls;
using MinimalCrm.Data;
using TwilioCallTracking;

namespace MinimalCrm.Contacts;

/// <summary>
/// Puts contact names on calls. Outbound calls carry the contact they were placed for; inbound ones are linked by call
/// tracking through <see cref="CrmContactLookup"/>.
/// </summary>
/// <param name="db">The CRM database.</param>
public sealed class ContactNames(CrmDbContext db)
{
    /// <summary>The rows for <paramref name="calls"/>, all of <paramref name="tenantId"/>.</summary>
    public async Task<IReadOnlyList<CallRow>> ForAsync(string tenantId, IReadOnlyList<Call> calls, CancellationToken cancellationToken)
    {
        var ids = calls.Where(c => c.ContactId is not null).Select(c => c.ContactId!.Value).Distinct().ToList();
        var names = await db.Contacts.Where(c => c.TenantId == tenantId && ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return calls.Select(call => new CallRow(call,
            call.ContactId is { } id && names.TryGetValue(id, out var name) ? name
            : call.ContactAmbiguous ? "several contacts" : null)).ToList();
    }
}
