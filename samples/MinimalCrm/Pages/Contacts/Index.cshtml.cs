using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MinimalCrm.Accounts;
using MinimalCrm.Contacts;
using MinimalCrm.Data;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Contacts;

/// <summary>The tenant's contacts: list, add, and click-to-call any of their numbers.</summary>
public sealed class IndexModel(CrmDbContext db, OutboundCallService calls, PhoneNumberNormalizer phoneNumbers, TimeProvider time) : PageModel
{
    /// <summary>The tenant's contacts, by name.</summary>
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    /// <summary>The "Add contact" form.</summary>
    [BindProperty]
    public NewContactInput NewContact { get; set; } = new();

    /// <summary>Shows the list; <paramref name="number"/> (from "create contact" on an unknown caller) fills in the new contact's number.</summary>
    public async Task OnGetAsync(string? number, CancellationToken cancellationToken)
    {
        if (phoneNumbers.ToE164(number) is { } known)
        {
            NewContact.FirstNumber = known;
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>Adds a contact; on bad input shows the errors and writes nothing.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var first = phoneNumbers.ToE164(NewContact.FirstNumber);
        if (first is null && !string.IsNullOrWhiteSpace(NewContact.FirstNumber))
        {
            ModelState.AddModelError("NewContact.FirstNumber", NotANumber(NewContact.FirstNumber));
        }

        var second = phoneNumbers.ToE164(NewContact.SecondNumber);
        if (second is null && !string.IsNullOrWhiteSpace(NewContact.SecondNumber))
        {
            ModelState.AddModelError("NewContact.SecondNumber", NotANumber(NewContact.SecondNumber));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var tenantId = User.GetTenantId();
        var contact = new Contact
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Name = NewContact.Name.Trim(),
            Company = string.IsNullOrWhiteSpace(NewContact.Company) ? null : NewContact.Company.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        foreach (var (label, number) in new[] { (NewContact.FirstLabel, first), (NewContact.SecondLabel, second) })
        {
            if (number is not null)
            {
                contact.Phones.Add(new ContactPhone { Id = Guid.NewGuid(), ContactId = contact.Id, TenantId = tenantId, Label = string.IsNullOrWhiteSpace(label) ? "phone" : label.Trim(), Number = number });
            }
        }

        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"Added {contact.Name}.";
        return RedirectToPage();
    }

    /// <summary>Click-to-call: places an outbound call to one of the tenant's contact numbers, then shows the call.</summary>
    public async Task<IActionResult> OnPostCallAsync(Guid phoneId, CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        var phone = await db.ContactPhones.SingleOrDefaultAsync(p => p.Id == phoneId && p.TenantId == tenantId, cancellationToken);
        if (phone is null)
        {
            return NotFound();
        }

        var result = await calls.StartAsync(
            new StartCallRequest { TenantId = tenantId, To = phone.Number, ContactId = phone.ContactId, UserId = User.GetUserId() }, cancellationToken);
        if (result.Error is { } error)
        {
            TempData["Error"] = error.TwilioErrorCode is { } code ? $"The call could not be placed: {error.Message} (Twilio error {code})" : $"The call could not be placed: {error.Message}";
        }

        return result.Call is { } call ? RedirectToPage("/Calls/Detail", new { id = call.Id }) : RedirectToPage();
    }

    private static string NotANumber(string typed) =>
        $"'{typed}' is not a phone number: type it with its country code, e.g. +44 20 7946 0000 (US numbers may omit +1).";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        Contacts = await db.Contacts.Where(c => c.TenantId == tenantId).Include(c => c.Phones).OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }
}
