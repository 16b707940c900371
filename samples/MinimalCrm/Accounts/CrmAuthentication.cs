using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MinimalCrm.Calls.Live;
using MinimalCrm.Data;

namespace MinimalCrm.Accounts;

/// <summary>
/// Sign-in for the CRM: a cookie carrying the user's tenant (<c>tenant_id</c>) and role; every page needs it, the API
/// and the live updates answer 401 without it; 403 for a page or API the user's role may not use; sign-in rate limited and locked out.
/// </summary>
public static class CrmAuthentication
{
    /// <summary>Adds the cookie, the policies, and the sign-in services and limits.</summary>
    public static IServiceCollection AddCrmAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.Cookie.Name = "minimalcrm.auth";
            options.Events.OnRedirectToLogin = context =>
            {
                // An API, or the live pages' event stream (an EventSource cannot follow a redirect to a page): 401.
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(CallUpdatesEndpoint.Path))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };

            // A rep on an administrator's page or API: 403 (the status code page says so), not a redirect to a page that does not exist.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddCrmPolicies();
        services.AddSingleton<IPasswordHasher<CrmUser>, PasswordHasher<CrmUser>>();
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.SectionName)
            .Validate(l => l.PermitsPerAddress > 0 && l.Window > TimeSpan.Zero, "SignIn:PermitsPerAddress and SignIn:Window must be positive.")
            .Validate(l => l.MaxFailedAttempts > 0 && l.LockoutDuration > TimeSpan.Zero, "SignIn:MaxFailedAttempts and SignIn:LockoutDuration must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SignInLockout>();
        services.AddScoped<CrmSignIn>();
        services.AddSignInRateLimiting();
        return services;
    }
}
