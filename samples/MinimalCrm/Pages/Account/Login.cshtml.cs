using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MinimalCrm.Accounts;
using MinimalCrm.Data;

namespace MinimalCrm.Pages.Account;

/// <summary>Signs a demo user in with a cookie that carries their tenant (the <c>tenant_id</c> claim).</summary>
public sealed class LoginModel(CrmDbContext db, IPasswordHasher<CrmUser> hasher) : PageModel
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

    /// <summary>Checks the password and signs in.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, Password) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(string.Empty, "The e-mail address or the password is wrong.");
            return Page();
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId, cancellationToken);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(CrmClaims.TenantId, tenant.Id),
                new Claim(CrmClaims.TenantName, tenant.Name),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Contacts");
    }
}
