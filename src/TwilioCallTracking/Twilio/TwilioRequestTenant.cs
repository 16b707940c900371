namespace TwilioCallTracking;

/// <summary>
/// The tenant whose credentials the current Twilio REST request carries, for the request handler's span and for
/// <see cref="TwilioCredentialFailures"/>: set by the tenant's SDK client (<see cref="TenantTwilioHttpClient"/>) and by
/// <see cref="RecordingMediaClient"/> around their requests. It flows with the request's async work and goes back to what
/// it was when the setting method returns.
/// </summary>
internal static class TwilioRequestTenant
{
    private static readonly AsyncLocal<string?> Tenant = new();

    /// <summary>The tenant of the request being sent, if known.</summary>
    public static string? Current
    {
        get => Tenant.Value;
        set => Tenant.Value = value;
    }
}
