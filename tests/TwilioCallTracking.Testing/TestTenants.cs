namespace TwilioCallTracking.Testing;

/// <summary>A tenant as the tests configure it: its id, Twilio account and token, Twilio number and forward-to phone.</summary>
/// <param name="TenantId">The CRM's tenant id.</param>
/// <param name="AccountSid">The tenant's Twilio account SID (<c>AC</c> + 32 hex digits).</param>
/// <param name="AuthToken">The account's auth token (what Twilio signs webhooks with).</param>
/// <param name="PhoneNumber">The tenant's Twilio number (E.164).</param>
/// <param name="ForwardToNumber">Where the tenant's inbound calls ring (E.164).</param>
public sealed record TestTenant(string TenantId, string AccountSid, string AuthToken, string PhoneNumber, string ForwardToNumber)
{
    /// <summary>The settings <see cref="TwilioConfigurationService.SaveAsync"/> takes for this tenant.</summary>
    public TwilioSettings Settings => new()
    {
        AccountSid = AccountSid,
        AuthToken = AuthToken,
        PhoneNumber = PhoneNumber,
        ForwardToNumber = ForwardToNumber,
    };
}

/// <summary>
/// The tenants every test project uses: three tenants with their own Twilio accounts, tokens and numbers. Tests that
/// need a tenant no one else has (a shared database) take one of these <c>with</c> a fresh id and number.
/// </summary>
public static class TestTenants
{
    /// <summary>The tenant most tests act as.</summary>
    public static readonly TestTenant A = new(
        "tenant-a", "AC11111111111111111111111111111111", "token-of-tenant-a-0123456789abcdef", "+18005550100", "+14155550123");

    /// <summary>Another tenant: what tenant A must never see.</summary>
    public static readonly TestTenant B = new(
        "tenant-b", "AC22222222222222222222222222222222", "token-of-tenant-b-0123456789abcdef", "+18005550200", "+14155550124");

    /// <summary>A third tenant, for tests that need one more (an account of its own, say).</summary>
    public static readonly TestTenant C = new(
        "tenant-c", "AC33333333333333333333333333333333", "token-of-tenant-c-0123456789abcdef", "+18005550300", "+14155550125");
}

/// <summary>The keys the auth-token protector is configured with in tests (32 characters is the documented minimum).</summary>
public static class TestKeys
{
    /// <summary>The current encryption key (<c>TwilioCallTracking:EncryptionKey</c>).</summary>
    public const string EncryptionKey = "test-encryption-key-0123456789-abcdefghij";

    /// <summary>A retired key, for rotation (<c>TwilioCallTracking:PreviousEncryptionKeys</c>).</summary>
    public const string PreviousEncryptionKey = "previous-test-encryption-key-0123456789";
}

/// <summary>An API key (<c>SK…</c> and its secret) a test tenant may use for REST requests instead of its auth token.</summary>
public static class TestApiKeys
{
    /// <summary>The API key SID.</summary>
    public const string Sid = "SK0123456789abcdef0123456789abcdef";

    /// <summary>Its secret (Twilio's are 32 characters).</summary>
    public const string Secret = "apikeysecretOfTenantA0123456789z";

    /// <summary>Basic credentials as Twilio's REST API receives them: the API key and its secret.</summary>
    public static string BasicAuthorization => TestBasicAuthorization.Of(Sid, Secret);
}

/// <summary>The HTTP Basic Authorization header value a REST request carries.</summary>
public static class TestBasicAuthorization
{
    /// <summary><c>Basic base64(user:password)</c>.</summary>
    public static string Of(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));
}
