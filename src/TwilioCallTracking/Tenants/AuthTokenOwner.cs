namespace TwilioCallTracking;

/// <summary>
/// Whose secret a protected value holds: the tenant and the Twilio account it was saved for, and, for an API key secret,
/// the API key. The default protector binds its ciphertext to all of them and to what it is (an auth token or an API
/// key secret), so a value copied into another tenant's row, under another account, or from the auth token's column
/// into the API key secret's (or back) does not open.
/// </summary>
/// <param name="TenantId">The tenant the secret was saved for.</param>
/// <param name="AccountSid">The Twilio account SID saved with it.</param>
public readonly record struct AuthTokenOwner(string TenantId, string AccountSid)
{
    /// <summary>
    /// The API key (<c>SK…</c>) whose secret the value holds; <see langword="null"/> (the default): the value is the
    /// account's auth token.
    /// </summary>
    public string? ApiKeySid { get; init; }

    /// <summary>The owner of <paramref name="configuration"/>'s auth token: its tenant and account.</summary>
    public static AuthTokenOwner For(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new AuthTokenOwner(configuration.TenantId, configuration.AccountSid);
    }

    /// <summary>The owner of <paramref name="configuration"/>'s API key secret: its tenant, account and API key.</summary>
    /// <exception cref="ArgumentException">The configuration has no API key.</exception>
    public static AuthTokenOwner ForApiKeySecret(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(configuration.ApiKeySid, nameof(configuration));
        return new AuthTokenOwner(configuration.TenantId, configuration.AccountSid) { ApiKeySid = configuration.ApiKeySid };
    }
}
