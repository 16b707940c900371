using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using MinimalCrm.Data;

namespace MinimalCrm.Accounts;

/// <summary>The claims the CRM's sign-in cookie carries, and how pages read them.</summary>
public static class CrmClaims
{
    /// <summary>The tenant of the signed-in user; the call tracking API reads the same claim.</summary>
    public const string TenantId = "tenant_id";

    /// <summary>The tenant's display name, for the header.</summary>
    public const string TenantName = "tenant_name";

    /// <summary>The signed-in user's tenant. Every page and API scopes its reads and writes by it.</summary>
    public static string GetTenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(TenantId) ?? throw new InvalidOperationException("The signed-in user has no tenant_id claim.");

    /// <summary>The signed-in user's id.</summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The signed-in user has no id claim.");

    /// <summary>Whether the signed-in user administers their tenant (<see cref="CrmPolicies.TenantAdmin"/>).</summary>
    public static bool IsTenantAdmin(this ClaimsPrincipal user) => user.IsInRole(nameof(CrmRole.Admin));

    /// <summary>The identity of <paramref name="user"/> of <paramref name="tenant"/>, as the sign-in cookie carries it (the role as <see cref="ClaimTypes.Role"/>).</summary>
    public static ClaimsPrincipal For(CrmUser user, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tenant);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
                new Claim(TenantId, tenant.Id),
                new Claim(TenantName, tenant.Name),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
