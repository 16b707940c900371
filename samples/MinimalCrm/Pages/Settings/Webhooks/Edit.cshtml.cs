using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MinimalCrm.Accounts;
using MinimalCrm.Webhooks;
using TwilioCallTracking;

namespace MinimalCrm.Pages.Settings.Webhooks;

/// <summary>
/// One outgoing webhook subscription: create it (its secret is then shown once, on the list), change its URL, events,
/// description and state, rotate its secret (shown once too), or delete it. The secret is never in this form.
/// </summary>
public sealed class EditModel(WebhookSubscriptionService webhooks) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public WebhookSubscriptionInput Input { get; set; } = new();

    /// <summary>The subscription edited; <see langword="null"/> when creating one.</summary>
    public WebhookSubscription? Subscription { get; private set; }

    /// <summary>Shows the form: empty, or filled with the subscription; 404 when the tenant has no such subscription.</summary>
    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Subscription = await webhooks.FindAsync(User.GetTenantId(), existing, cancellationToken);
            if (Subscription is null)
            {
                return NotFound();
            }

            Input = WebhookSubscriptionInput.From(Subscription);
        }

        return Page();
    }

    /// <summary>Creates or saves the subscription; on bad input shows the errors next to the fields and saves nothing.</summary>
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        var tenantId = User.GetTenantId();
        if (id is { } existing && (Subscription = await webhooks.FindAsync(tenantId, existing, cancellationToken)) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.ToRequest() is not { } request)
        {
            ModelState.AddModelError("Input.Url", "The URL must be an absolute https URL, e.g. https://hooks.example.com/calls.");
            return Page();
        }

        var result = Subscription is null
            ? await webhooks.CreateAsync(tenantId, request, cancellationToken)
            : await webhooks.UpdateAsync(tenantId, Subscription.Id, request, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return result.Errors.Count == 0 ? NotFound() : Page();
        }

        var saved = result.Subscription!;
        if (result.Secret is { } secret)
        {
            new RevealedSecret(saved.Id, saved.Url.AbsoluteUri, secret).Keep(TempData);
        }

        TempData["Notice"] = Subscription is null ? $"Created the subscription for {saved.Url.AbsoluteUri}." : $"Saved the subscription for {saved.Url.AbsoluteUri}.";
        return RedirectToPage("Index");
    }

    /// <summary>Replaces the secret; the new one is shown once, on the list.</summary>
    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await webhooks.RotateSecretAsync(User.GetTenantId(), id, cancellationToken);
        if (result is not { Subscription: { } rotated, Secret: { } secret })
        {
            return NotFound();
        }

        new RevealedSecret(rotated.Id, rotated.Url.AbsoluteUri, secret).Keep(TempData);
        TempData["Notice"] = $"Rotated the secret of {rotated.Url.AbsoluteUri}: deliveries are signed with the new one from now on.";
        return RedirectToPage("Index");
    }

    /// <summary>Deletes the subscription.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await webhooks.DeleteAsync(User.GetTenantId(), id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "Deleted the subscription: nothing more is sent to it.";
        return RedirectToPage("Index");
    }
}
