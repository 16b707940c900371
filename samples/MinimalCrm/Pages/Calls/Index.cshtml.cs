using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MinimalCrm.Accounts;
using MinimalCrm.Calls;
using MinimalCrm.Contacts;
using MinimalCrm.Setup;
using TwilioCallTracking;
using TwilioCallTracking.Simulator;

namespace MinimalCrm.Pages.Calls;

/// <summary>The tenant's recent calls, newest first, refreshed live; in simulator mode, a button to simulate an inbound call.</summary>
public sealed class IndexModel(
    ICallStore calls, ContactNames names, TwilioConfigurationService configurations, PhoneNumberNormalizer phoneNumbers, CrmSettings settings) : PageModel
{
    /// <summary>Only the calls of this contact, when given.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Contact { get; set; }

    /// <summary>The calls shown.</summary>
    public IReadOnlyList<CallRow> Rows { get; private set; } = [];

    /// <summary>Whether the simulator is on (shows the "simulate an incoming call" form).</summary>
    public bool IsSimulator => settings.IsSimulator;

    /// <summary>Who calls in the simulated inbound call.</summary>
    [BindProperty]
    public string Caller { get; set; } = "+14155550103";

    /// <summary>The tenant's Twilio number and forward-to number, for the simulator's form.</summary>
    public TwilioConfiguration? Configuration { get; private set; }

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        var list = await calls.ListAsync(tenantId, new CallQuery { PageSize = 50, ContactId = Contact }, cancellationToken);
        Rows = await names.ForAsync(tenantId, list, cancellationToken);
        Configuration = await configurations.FindAsync(tenantId, cancellationToken);
    }

    /// <summary>
    /// Simulator mode: somebody calls the tenant's Twilio number. The simulator posts the answer webhook, follows the
    /// TwiML (greeting, forward to the tenant's phone, recording) and reports every step through the webhooks.
    /// </summary>
    public async Task<IActionResult> OnPostSimulateInboundAsync(CancellationToken cancellationToken)
    {
        if (HttpContext.RequestServices.GetService<TwilioSimulator>() is not { } simulator)
        {
            return NotFound();
        }

        var configuration = await configurations.FindAsync(User.GetTenantId(), cancellationToken);
        var caller = phoneNumbers.ToE164(Caller);
        if (configuration is null || caller is null)
        {
            TempData["Error"] = configuration is null
                ? "Configure Twilio first (Settings → Twilio)."
                : $"'{Caller}' is not a phone number: type it with its country code, e.g. +1 415 555 0103.";
            return RedirectToPage();
        }

        try
        {
            await simulator.SimulateInboundCallAsync(caller, configuration.PhoneNumber, cancellationToken: cancellationToken);
            TempData["Notice"] = $"{caller} is calling {configuration.PhoneNumber}: the call appears below as it happens.";
        }
        catch (InvalidOperationException ex)
        {
            TempData["Error"] = $"The simulator could not place the call: {ex.Message}";
        }

        return RedirectToPage();
    }
}
