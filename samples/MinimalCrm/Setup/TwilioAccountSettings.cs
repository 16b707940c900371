namespace MinimalCrm.Setup;

/// <summary>
/// The Twilio account and numbers the first demo tenant uses: from <c>TWILIO_ACCOUNT_SID</c>, <c>TWILIO_AUTH_TOKEN</c>,
/// <c>TWILIO_PHONE_NUMBER</c> and <c>FORWARD_PHONE_NUMBER</c> in real mode, or the simulator's account in simulator mode.
/// </summary>
/// <param name="AccountSid">The account SID (<c>AC…</c>).</param>
/// <param name="AuthToken">The auth token. Never logged, never shown.</param>
/// <param name="PhoneNumber">The tenant's Twilio number, E.164.</param>
/// <param name="ForwardToNumber">Where inbound calls are forwarded, E.164.</param>
public sealed record TwilioAccountSettings(string AccountSid, string AuthToken, string PhoneNumber, string? ForwardToNumber)
{
    /// <inheritdoc/>
    public override string ToString() => $"{AccountSid} {PhoneNumber} → {ForwardToNumber ?? "(no forward number)"}";
}
