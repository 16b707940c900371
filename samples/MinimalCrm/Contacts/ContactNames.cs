using Microsoft.EntityFrameworkCore;
using MinimalCrm.Calls;
using MinimalCrm.Data;
using TwilioCallTracking.Calls;

namespace MinimalCrm.Contacts;

/// <summary>Puts contact names on calls: by the contact the call was placed for, else by the other party's number.</summary>
/// <param name="db">The CRM database.</param>
public sealed class ContactNames(CrmDbContext db)
{
    /// <summary>The rows for <paramref name="calls"/>, all of <paramref name="tenantId"/>.</summary>
    public async Task<IReadOnlyList<CallRow>> ForAsync(string tenantId, IReadOnlyList<Call> calls, CancellationToken cancellationToken)
    {
        var ids = calls.Where(c => c.ContactId is not null).Select(c => c.ContactId!.Value).Distinct().ToList();
        var numbers = calls.Select(CallFormat.OtherParty).Distinct().ToList();
        var byId = await db.Contacts.Where(c => c.TenantId == tenantId && ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var byNumber = (await db.ContactPhones.Where(p => p.TenantId == tenantId && numbers.Contains(p.Number))
                .Join(db.Contacts, p => p.ContactId, c => c.Id, (p, c) => new { p.Number, c.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.Number).ToDictionary(g => g.Key, g => g.First().Name);

        return calls.Select(call => new CallRow(call,
            call.ContactId is { } id && byId.TryGetValue(id, out var name) ? name
            : byNumber.GetValueOrDefault(CallFormat.OtherParty(call)))).ToList();
    }
}
