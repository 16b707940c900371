using System.Security.Claims;
using MinimalCrm.Accounts;

namespace MinimalCrm.Diagnostics;

/// <summary>The Diagnostics page's checks as JSON, for scripts and monitoring.</summary>
public static class DiagnosticsEndpoints
{
    /// <summary>Maps <c>GET /api/diagnostics</c>: the signed-in user's tenant's checks (tenant administrators only).</summary>
    public static IEndpointConventionBuilder MapCrmDiagnostics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/diagnostics", async (ClaimsPrincipal user, TwilioDiagnostics diagnostics, CancellationToken cancellationToken) =>
            TypedResults.Ok(await diagnostics.RunAsync(user.GetTenantId(), cancellationToken)))
        .RequireAuthorization(CrmPolicies.TenantAdmin);
}
