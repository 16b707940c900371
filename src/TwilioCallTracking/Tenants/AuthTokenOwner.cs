namespace TwilioCallTracking;

/// <summary>
/// Whose auth token a protected value holds: the tenant and the Twilio account it was saved for. The default protector
/// binds its ciphertext to both, so a value copied into another tenant's row (or under another account) does not open.
/// </summary>
/// <param name="TenantId">The tenant the token was saved for.</param>
/// <param name="AccountSid">The Twilio account SID saved with it.</param>
public readonly record struct AuthTokenOwner(string TenantId, string AccountSid)
{
    /// <summary>The owner of <paramref name="configuration"/>'s token: its tenant and account.</summary>
    public static AuthTokenOwner For(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new AuthTokenOwner(configuration.TenantId, configuration.AccountSid);
    }
}
