using Microsoft.AspNetCore.Http;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Finds the tenant and user a request to the call API or the webhook subscriptions API acts for. The default,
/// <see cref="ClaimsTenantResolver"/>, reads them from the signed-in user's claims; register your own implementation to
/// take them from elsewhere.
/// </summary>
public interface ITenantResolver
{
    /// <summary>The tenant and user, or <see langword="null"/> when the request has none (401 when not signed in, else 403).</summary>
    ValueTask<CallTrackingUser?> ResolveAsync(HttpContext context);
}

/// <summary>Who a call API request acts for.</summary>
/// <param name="TenantId">The tenant: every read and write of the request is scoped to it.</param>
/// <param name="UserId">The CRM user, stored on the calls they start.</param>
public sealed record CallTrackingUser(string TenantId, string? UserId);
