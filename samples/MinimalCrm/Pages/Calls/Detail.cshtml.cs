using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MinimalCrm.Accounts;
using MinimalCrm.Calls;
using MinimalCrm.Contacts;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Calls;

/// <summary>One call: its state, its recording, and its timeline (the <c>call_events</c> with each payload), refreshed live.</summary>
public sealed class DetailModel(ICallStore calls, ContactNames names) : PageModel
{
    /// <summary>The call and its contact.</summary>
    public CallRow Row { get; private set; } = null!;

    /// <summary>The call's events, oldest first.</summary>
    public IReadOnlyList<CallEvent> Events { get; private set; } = [];

    /// <summary>Shows the call; 404 when the tenant has no such call.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        if (await calls.FindByIdAsync(tenantId, id, cancellationToken) is not { } call)
        {
            return NotFound();
        }

        Row = (await names.ForAsync(tenantId, [call], cancellationToken))[0];
        Events = await calls.ListEventsAsync(tenantId, id, cancellationToken);
        return Page();
    }
}
