namespace TwilioCallTracking;

/// <summary>
/// What a tenant's administrator enters about their Twilio account. The auth token is write-only: leave it
/// <see langword="null"/> to keep the one already stored.
/// </summary>
public sealed record TwilioSettings
{
    /// <summary>The Twilio account SID (<c>AC</c> + 32 hex digits).</summary>
    public required string AccountSid { get; init; }

    /// <summary>The auth token; <see langword="null"/> or empty keeps the stored one.</summary>
    public string? AuthToken { get; init; }

    /// <summary>The tenant's Twilio number in E.164.</summary>
    public required string PhoneNumber { get; init; }

    /// <summary>Where inbound calls are forwarded, in E.164.</summary>
    public string? ForwardToNumber { get; init; }

    /// <summary>What inbound callers hear first.</summary>
    public string? Greeting { get; init; }

    /// <summary>
    /// What callers hear before the conversation when the call is recorded (inbound callers before they are forwarded,
    /// the callee of an outbound call when they answer), e.g. "This call may be recorded for quality and training".
    /// <see langword="null"/> or empty: no notice. At most <see cref="TwilioConfiguration.MaxRecordingNoticeLength"/> characters.
    /// </summary>
    public string? RecordingNotice { get; init; }

    /// <summary>How forwarded calls are recorded.</summary>
    public RecordingMode RecordingMode { get; init; } = RecordingMode.RecordFromRingingDual;

    /// <summary>The public base URL Twilio calls for this tenant, if not the app-wide one.</summary>
    public Uri? PublicBaseUrl { get; init; }
}
