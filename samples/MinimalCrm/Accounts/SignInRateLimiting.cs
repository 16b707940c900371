using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MinimalCrm.Accounts;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in form: each client address may post it <see cref="SignInLimits.PermitsPerAddress"/>
/// times per <see cref="SignInLimits.Window"/>, then gets 429 until the window ends. Showing the form is not limited.
/// </summary>
public static class SignInRateLimiting
{
    /// <summary>The policy the sign-in page carries (<c>[EnableRateLimiting]</c>).</summary>
    public const string Policy = "sign-in";

    /// <summary>Adds the rate limiter with the sign-in policy (its limits are the <see cref="SignInLimits"/> options).</summary>
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitsPerAddress, Window = limits.Window, QueueLimit = 0 });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address: wait a minute, then try again.", cancellationToken);
            };
        });
}
