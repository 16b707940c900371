using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MinimalCrm.Accounts;
using MinimalCrm.Setup;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Settings;

/// <summary>
/// Settings → Twilio: the tenant's account, numbers and public base URL, and the exact webhook URLs to paste into the
/// Twilio Console. The auth token and the API key secret are write-only: they are never put back into the page.
/// </summary>
public sealed class TwilioModel(
    TwilioConfigurationService configurations, PhoneNumberNormalizer phoneNumbers, IOptions<TwilioCallTrackingOptions> options, CrmSettings settings) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public TwilioSettingsInput Input { get; set; } = new();

    /// <summary>Whether an auth token is saved (the page says so, and never shows it).</summary>
    public bool HasAuthToken { get; private set; }

    /// <summary>Whether an API key secret is saved (the page says so, and never shows it).</summary>
    public bool HasApiKeySecret { get; private set; }

    /// <summary>The webhook URLs for the Twilio Console, when a public base URL is known.</summary>
    public CallbackUrls? Urls { get; private set; }

    /// <summary>Whether the app runs against the simulator.</summary>
    public bool IsSimulator => settings.IsSimulator;

    /// <summary>Shows the saved settings.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var configuration = await LoadAsync(cancellationToken);
        if (configuration is not null)
        {
            Input = new TwilioSettingsInput
            {
                AccountSid = configuration.AccountSid,
                ApiKeySid = configuration.ApiKeySid,
                PhoneNumber = configuration.PhoneNumber,
                ForwardToNumber = configuration.ForwardToNumber,
                Greeting = configuration.Greeting,
                RecordingNotice = configuration.RecordingNotice,
                PublicBaseUrl = configuration.PublicBaseUrl?.AbsoluteUri,
            };
        }
    }

    /// <summary>Validates and saves; on bad input shows the errors by field and writes nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Uri? publicBaseUrl = null;
        if (!string.IsNullOrWhiteSpace(Input.PublicBaseUrl) && !Uri.TryCreate(Input.PublicBaseUrl.Trim(), UriKind.Absolute, out publicBaseUrl))
        {
            ModelState.AddModelError("Input.PublicBaseUrl", "The public base URL must be an absolute http(s) URL, e.g. https://crm.example.com.");
        }

        if (ModelState.IsValid)
        {
            // The page does not edit the recording mode: keep the saved one.
            var saved = await configurations.FindAsync(User.GetTenantId(), cancellationToken);
            var errors = await configurations.SaveAsync(User.GetTenantId(), new TwilioSettings
            {
                AccountSid = Input.AccountSid.Trim(),
                AuthToken = string.IsNullOrWhiteSpace(Input.AuthToken) ? null : Input.AuthToken.Trim(),
                ApiKeySid = string.IsNullOrWhiteSpace(Input.ApiKeySid) ? null : Input.ApiKeySid.Trim(),
                ApiKeySecret = string.IsNullOrWhiteSpace(Input.ApiKeySecret) ? null : Input.ApiKeySecret.Trim(),
                PhoneNumber = phoneNumbers.ToE164(Input.PhoneNumber) ?? Input.PhoneNumber.Trim(),
                ForwardToNumber = string.IsNullOrWhiteSpace(Input.ForwardToNumber) ? null : phoneNumbers.ToE164(Input.ForwardToNumber) ?? Input.ForwardToNumber.Trim(),
                Greeting = Input.Greeting,
                RecordingNotice = Input.RecordingNotice,
                RecordingMode = saved?.RecordingMode ?? RecordingMode.RecordFromRingingDual,
                PublicBaseUrl = publicBaseUrl,
            }, cancellationToken);
            ModelState.AddFieldErrors(errors);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Notice"] = "Saved the Twilio settings.";
        return RedirectToPage();
    }

    private async Task<TwilioConfiguration?> LoadAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        var configuration = await configurations.FindAsync(tenantId, cancellationToken);
        HasAuthToken = configuration is not null;
        HasApiKeySecret = configuration?.ProtectedApiKeySecret is not null;
        Urls = configuration is not null
            ? CallbackUrls.For(configuration, options.Value)
            : options.Value.PublicBaseUrl is { } baseUrl ? new CallbackUrls(baseUrl, options.Value.WebhookPathPrefix, tenantId) : null;
        return configuration;
    }
}
