namespace TwilioCallTracking;

/// <summary>
/// The names and tag of the health checks that <c>services.AddHealthChecks().AddTwilioCallTracking()</c> registers.
/// </summary>
public static class CallTrackingHealthChecks
{
    /// <summary>
    /// The stores' database answers a cheap query within <see cref="CallTrackingHealthCheckOptions.DatabaseTimeout"/>:
    /// Unhealthy otherwise. Provided by the store package (<c>AddEntityFrameworkStores</c> registers it); with the
    /// in-memory stores it is always Healthy. A host with stores of its own can provide it: register its
    /// <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck"/> as a keyed singleton with this name as the key.
    /// </summary>
    public const string Database = "twilio_call_tracking.database";

    /// <summary>
    /// The reconciliation sweeper keeps up: its last successful sweep is no older than
    /// <see cref="CallTrackingHealthCheckOptions.SweeperDegradedAfterIntervals"/> × <see cref="ReconciliationOptions.Interval"/>
    /// (Degraded beyond, Unhealthy beyond <see cref="CallTrackingHealthCheckOptions.SweeperUnhealthyAfterIntervals"/>).
    /// </summary>
    public const string Sweeper = "twilio_call_tracking.sweeper";

    /// <summary>
    /// No tenant's Twilio credentials were refused (HTTP 401, error 20003) in their latest REST request within
    /// <see cref="CallTrackingHealthCheckOptions.CredentialFailureWindow"/>: Degraded otherwise, with the number of tenants.
    /// </summary>
    public const string TwilioCredentials = "twilio_call_tracking.twilio_credentials";

    /// <summary>The tag every one of them carries, to select them: <c>MapHealthChecks("/health", new() { Predicate = c =&gt; c.Tags.Contains(Tag) })</c>.</summary>
    public const string Tag = "twilio_call_tracking";
}
