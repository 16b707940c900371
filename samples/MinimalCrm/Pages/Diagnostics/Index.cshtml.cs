using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MinimalCrm.Accounts;
using MinimalCrm.Diagnostics;
using Twilio.Exceptions;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Diagnostics;

/// <summary>The tenant's Twilio troubleshooting checks (also at <c>GET /api/diagnostics</c>), and a fix for the number's webhooks.</summary>
public sealed class IndexModel(TwilioDiagnostics diagnostics, NumberWebhooks numbers, TwilioConfigurationService configurations) : PageModel
{
    /// <summary>The checks.</summary>
    public DiagnosticsReport Report { get; private set; } = null!;

    /// <summary>Runs the checks.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = await diagnostics.RunAsync(User.GetTenantId(), cancellationToken);

    /// <summary>Sets the number's Voice URL and status callback to this app's webhooks, through the Twilio API.</summary>
    public async Task<IActionResult> OnPostPointNumberAsync(CancellationToken cancellationToken)
    {
        var configuration = await configurations.FindAsync(User.GetTenantId(), cancellationToken);
        if (configuration is null)
        {
            TempData["Error"] = "Configure Twilio first (Settings → Twilio).";
            return RedirectToPage();
        }

        try
        {
            if (await numbers.PointAtThisAppAsync(configuration))
            {
                TempData["Notice"] = $"{configuration.PhoneNumber} now sends its calls to this app.";
            }
            else
            {
                TempData["Error"] = $"The account does not own {configuration.PhoneNumber}, or no public base URL is known.";
            }
        }
        catch (ApiException ex)
        {
            TempData["Error"] = $"Twilio refused to update the number: {ex.Message} (error {ex.Code}).";
        }

        return RedirectToPage();
    }
}
