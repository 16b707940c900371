using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MinimalCrm.Accounts;

namespace MinimalCrm.Pages.Account;

/// <summary>
/// Signs a user in with a cookie that carries their tenant (the <c>tenant_id</c> claim) and role. Posting the form is
/// rate limited per client address, and an e-mail address is locked after repeated failures.
/// </summary>
[EnableRateLimiting(SignInRateLimiting.Policy)]
public sealed class LoginModel(CrmSignIn signIn, IHostEnvironment environment) : PageModel
{
    /// <summary>The e-mail address typed.</summary>
    [BindProperty, Required, EmailAddress, Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

    /// <summary>The password typed.</summary>
    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    /// <summary>Where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the page lists the demo users (Development only: nowhere else do they exist or sign in).</summary>
    public bool ShowDemoUsers => environment.IsDevelopment();

    /// <summary>Checks the password and signs in.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = await signIn.CheckAsync(Email, Password, cancellationToken);
        if (attempt.LockedFor is { } locked)
        {
            ModelState.AddModelError(string.Empty,
                $"Too many failed sign-ins for this e-mail address: it is locked for {Math.Max(1, (int)Math.Ceiling(locked.TotalMinutes))} more minute(s).");
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

        if (attempt.Principal is not { } principal)
        {
            ModelState.AddModelError(string.Empty, "The e-mail address or the password is wrong.");
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Contacts");
    }
}
