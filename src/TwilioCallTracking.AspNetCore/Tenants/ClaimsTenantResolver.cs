using Microsoft.AspNetCore.Http;

namespace TwilioCallTracking.AspNetCore;

/// <summary>The default <see cref="ITenantResolver"/>: the tenant and user id claims of the authenticated user.</summary>
/// <param name="options">Which claims to read.</param>
public sealed class ClaimsTenantResolver(CallTrackingApiOptions options) : ITenantResolver
{
    /// <inheritdoc/>
    public ValueTask<CallTrackingUser?> ResolveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(options.TenantClaimType)?.Value is not { Length: > 0 } tenantId)
        {
            return ValueTask.FromResult<CallTrackingUser?>(null);
        }

        var userId = user.FindFirst(options.UserIdClaimType)?.Value ?? user.FindFirst("sub")?.Value;
        return ValueTask.FromResult<CallTrackingUser?>(new CallTrackingUser(tenantId, userId));
    }
}
