using System.Security.Claims;

namespace TwilioCallTracking.AspNetCore;

/// <summary>Options of the call API, given to <c>MapCallTrackingApi()</c>.</summary>
public sealed class CallTrackingApiOptions
{
    /// <summary>The claim that holds the signed-in user's tenant. Default <c>tenant_id</c>.</summary>
    public string TenantClaimType { get; set; } = "tenant_id";

    /// <summary>The claim that holds the signed-in user's id. Default <see cref="ClaimTypes.NameIdentifier"/>, then <c>sub</c>.</summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;
}
