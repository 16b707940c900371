namespace TwilioCallTracking;

/// <summary>The thresholds of the call tracking health checks (<see cref="CallTrackingHealthChecks"/>).</summary>
public sealed class CallTrackingHealthCheckOptions
{
    /// <summary>How long the database check waits for its query before it reports Unhealthy. Default 5 seconds.</summary>
    public TimeSpan DatabaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The sweeper check reports Degraded once the last successful sweep is this many sweep intervals old
    /// (<see cref="ReconciliationOptions.Interval"/>). Default 3.
    /// </summary>
    public int SweeperDegradedAfterIntervals { get; set; } = 3;

    /// <summary>The sweeper check reports Unhealthy once the last successful sweep is this many intervals old. Default 10.</summary>
    public int SweeperUnhealthyAfterIntervals { get; set; } = 10;

    /// <summary>
    /// How long a tenant whose credentials Twilio refused stays reported by the credentials check, unless a later request
    /// of the tenant is accepted. Default 1 hour.
    /// </summary>
    public TimeSpan CredentialFailureWindow { get; set; } = TimeSpan.FromHours(1);
}
