using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MinimalCrm.Accounts;
using MinimalCrm.Calls;
using MinimalCrm.Contacts;
using MinimalCrm.Setup;
using TwilioCallTracking;
using TwilioCallTracking.Stores;

namespace MinimalCrm.Pages.Calls;

/// <summary>The tenant's recent calls, newest first, refreshed live; in simulator mode, a button to simulate an inbound call.</summary>
public sealed class IndexModel(CallTrackingService calls, ContactNames names, CrmSettings settings) : PageModel
{
    /// <summary>Only the calls of this contact, when given.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Contact { get; set; }

    /// <summary>The calls shown.</summary>
    public IReadOnlyList<CallRow> Rows { get; private set; } = [];

    /// <summary>Whether the simulator is on (shows the "simulate an incoming call" form).</summary>
    public bool IsSimulator => settings.IsSimulator;

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        var list = await calls.ListCallsAsync(tenantId, new CallQuery { PageSize = 50, ContactId = Contact }, cancellationToken);
        Rows = await names.ForAsync(tenantId, list, cancellationToken);
    }
}
