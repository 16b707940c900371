using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Who a JSON API request acts for, the same way for every API of this package: the registered
/// <see cref="ITenantResolver"/>, else the claims named by <see cref="CallTrackingApiOptions"/>; and the one answer when
/// nobody is signed in (401) or the user has no tenant (403).
/// </summary>
/// <param name="options">The claims read when no <see cref="ITenantResolver"/> is registered.</param>
/// <param name="apiName">The API, as the 401 names it ("call API").</param>
internal sealed class ApiTenantResolution(CallTrackingApiOptions options, string apiName)
{
    private readonly ClaimsTenantResolver _claims = new(options);

    public ValueTask<CallTrackingUser?> ResolveAsync(HttpContext http) =>
        (http.RequestServices.GetService<ITenantResolver>() ?? _claims).ResolveAsync(http);

    public ProblemHttpResult NoTenant(HttpContext http) => http.User.Identity?.IsAuthenticated == true
        ? TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "No tenant",
            detail: $"The signed-in user has no '{options.TenantClaimType}' claim: give every CRM user a tenant (see CallTrackingApiOptions.TenantClaimType).")
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in required", detail: $"The {apiName} needs a signed-in CRM user.");
}
