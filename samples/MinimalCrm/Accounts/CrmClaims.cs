using System.Security.Claims;

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
}
