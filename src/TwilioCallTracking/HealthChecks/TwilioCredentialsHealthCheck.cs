using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// <see cref="CallTrackingHealthChecks.TwilioCredentials"/>: how many tenants' latest Twilio REST request was refused for
/// their credentials (HTTP 401, error 20003) within the window. Says how many, never which token.
/// </summary>
internal sealed class TwilioCredentialsHealthCheck(TwilioCredentialFailures failures, IOptions<CallTrackingHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var refused = failures.RefusedSince(time.GetUtcNow() - options.Value.CredentialFailureWindow).Count;
        return Task.FromResult(refused == 0
            ? HealthCheckResult.Healthy("Twilio accepted every tenant's credentials lately.")
            : HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture,
                    $"Twilio refused the credentials of {refused} tenant(s) in their latest request (HTTP 401, error 20003): save their Twilio settings again with the current auth token."),
                data: new Dictionary<string, object> { ["tenants"] = refused }));
    }
}
