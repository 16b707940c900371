namespace TwilioCallTracking;

/// <summary>A webhook of a known tenant refused for its <c>X-Twilio-Signature</c>.</summary>
/// <param name="At">When it was refused (UTC).</param>
/// <param name="TenantId">The tenant it was resolved to, if any.</param>
/// <param name="Kind">The webhook (answer, status, recording, dial-action).</param>
/// <param name="Reason">Why: malformed, mismatch, body-hash-mismatch, unsupported-algorithm, token-unreadable.</param>
/// <param name="Url">The URL the signature was computed for: compare it with the URL configured at Twilio.</param>
public sealed record WebhookSignatureFailure(DateTimeOffset At, string? TenantId, string Kind, string Reason, string Url);
