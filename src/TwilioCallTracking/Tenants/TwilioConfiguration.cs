namespace TwilioCallTracking;

/// <summary>
/// A tenant's Twilio account and call routing: which account and number it uses, where inbound calls are forwarded,
/// and how they are recorded. The auth token and the API key secret are held only as ciphertext (see <see cref="IAuthTokenProtector"/>).
/// </summary>
public sealed class TwilioConfiguration
{
    /// <summary>The tenant this configuration belongs to (one configuration per tenant).</summary>
    public required string TenantId { get; set; }

    /// <summary>The Twilio account (or subaccount) SID, <c>AC…</c>.</summary>
    public required string AccountSid { get; set; }

    /// <summary>The account's auth token, encrypted by <see cref="IAuthTokenProtector"/>. Never the plain token.</summary>
    public required string ProtectedAuthToken { get; set; }

    /// <summary>
    /// The API key SID (<c>SK…</c>) REST requests authenticate with, with <see cref="ProtectedApiKeySecret"/>;
    /// <see langword="null"/>: they use the auth token. Webhooks are signed with the auth token either way.
    /// </summary>
    public string? ApiKeySid { get; set; }

    /// <summary>
    /// The API key's secret, encrypted by <see cref="IAuthTokenProtector"/> for its tenant, account and key
    /// (<see cref="AuthTokenOwner.ForApiKeySecret"/>); set exactly when <see cref="ApiKeySid"/> is. Never the plain secret.
    /// </summary>
    public string? ProtectedApiKeySecret { get; set; }

    /// <summary>The tenant's Twilio phone number in E.164: outbound caller ID, and the number inbound callers dial.</summary>
    public required string PhoneNumber { get; set; }

    /// <summary>Where inbound calls are forwarded (the person's own phone), in E.164.</summary>
    public string? ForwardToNumber { get; set; }

    /// <summary>What callers hear before they are forwarded; <see langword="null"/> uses the library's default.</summary>
    public string? Greeting { get; set; }

    /// <summary>The longest <see cref="RecordingNotice"/> accepted.</summary>
    public const int MaxRecordingNoticeLength = 500;

    /// <summary>
    /// What callers hear before the conversation when the call is recorded; <see langword="null"/>: no notice (the default).
    /// Inbound callers hear it before they are forwarded; on an outbound call, the callee hears it when they answer.
    /// </summary>
    public string? RecordingNotice { get; set; }

    /// <summary>How forwarded calls are recorded.</summary>
    public RecordingMode RecordingMode { get; set; } = RecordingMode.RecordFromRingingDual;

    /// <summary>The public base URL Twilio calls for this tenant; <see langword="null"/> uses <see cref="TwilioCallTrackingOptions.PublicBaseUrl"/>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>When the configuration was first saved (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the configuration was last saved (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Returns a copy of this configuration.</summary>
    public TwilioConfiguration Clone() => (TwilioConfiguration)MemberwiseClone();
}
