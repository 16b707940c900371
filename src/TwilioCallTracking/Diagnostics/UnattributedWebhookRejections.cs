namespace TwilioCallTracking;

/// <summary>
/// Requests to the webhooks refused before they reached any tenant, since the app started: counted only, never kept
/// one by one, so however many are sent (and with whatever tenant ids) they take no more memory and cannot push a
/// tenant's real signature failures out of <see cref="WebhookDiagnostics"/>.
/// </summary>
/// <param name="WithoutSignature">Requests without an <c>X-Twilio-Signature</c> header (Twilio signs every webhook).</param>
/// <param name="ForUnknownTenant">Signed requests that no tenant owns (an unknown <c>tenant</c>, number or account).</param>
/// <param name="LastAt">When the last of them was refused (UTC).</param>
public sealed record UnattributedWebhookRejections(long WithoutSignature, long ForUnknownTenant, DateTimeOffset? LastAt);
