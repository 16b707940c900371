using Microsoft.AspNetCore.Authorization;

namespace MinimalCrm.Accounts;

/// <summary>The CRM's authorization policies.</summary>
public static class CrmPolicies
{
    /// <summary>
    /// Only a tenant administrator: the Twilio settings (credentials, public base URL) and anything that changes where the
    /// tenant's numbers send their calls. A rep gets 403 and does not see these pages in the menu.
    /// </summary>
    public const string TenantAdmin = "tenant-admin";

    /// <summary>Adds the policies.</summary>
    public static AuthorizationBuilder AddCrmPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization.AddPolicy(TenantAdmin, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(CrmClaims.TenantId)
            .RequireRole(nameof(CrmRole.Admin)));
    }
}
