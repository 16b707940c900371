namespace TwilioCallTracking;

/// <summary>
/// What a tenant's administrator enters about their Twilio account. The auth token and the API key secret are
/// write-only: leave them <see langword="null"/> to keep the ones already stored. <see cref="ToString"/> never shows them.
/// </summary>
public sealed record TwilioSettings
{
    /// <summary>The Twilio account SID (<c>AC</c> + 32 hex digits).</summary>
    public required string AccountSid { get; init; }

    /// <summary>The auth token; <see langword="null"/> or empty keeps the stored one.</summary>
    public string? AuthToken { get; init; }

    /// <summary>
    /// An API key SID (<c>SK</c> + 32 hex digits) for REST requests, Twilio's recommended practice: when set, the library
    /// calls Twilio's REST API (calls, the sweeper, recordings) with this key and <see cref="ApiKeySecret"/>, and the auth
    /// token only signs webhooks. <see langword="null"/> or empty: no API key (one stored before is removed), the auth
    /// token authenticates REST requests too.
    /// </summary>
    public string? ApiKeySid { get; init; }

    /// <summary>
    /// The API key's secret; <see langword="null"/> or empty keeps the stored one, which works only while
    /// <see cref="ApiKeySid"/> stays the same (a new key needs its secret).
    /// </summary>
    public string? ApiKeySecret { get; init; }

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

    // Records print every property: the secrets are shown as set or not, never by value, so a logged or
    // debugged TwilioSettings cannot leak them.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AccountSid = ").Append(AccountSid)
            .Append(", AuthToken = ").Append(AuthToken is { Length: > 0 } ? "[set]" : "[not set]")
            .Append(", ApiKeySid = ").Append(ApiKeySid)
            .Append(", ApiKeySecret = ").Append(ApiKeySecret is { Length: > 0 } ? "[set]" : "[not set]")
            .Append(", PhoneNumber = ").Append(PhoneNumber)
            .Append(", ForwardToNumber = ").Append(ForwardToNumber)
            .Append(", Greeting = ").Append(Greeting)
            .Append(", RecordingNotice = ").Append(RecordingNotice)
            .Append(", RecordingMode = ").Append(RecordingMode)
            .Append(", PublicBaseUrl = ").Append(PublicBaseUrl);
        return true;
    }
}
