namespace TwilioCallTracking;

/// <summary>
/// A tenant's outgoing webhook: notifications of the chosen types are POSTed to <see cref="Url"/> as JSON, signed with
/// the subscription's secret (see <see cref="WebhookSignature"/>). Managed through <c>WebhookSubscriptionService</c>.
/// </summary>
public sealed record WebhookSubscription
{
    /// <summary>The subscription's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant it belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>Where deliveries are POSTed: https on a public host outside Development.</summary>
    public required Uri Url { get; init; }

    /// <summary>The <see cref="CallNotificationTypes"/> delivered; empty for all of them (including types added later).</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>The signing secret, protected by the <see cref="IAuthTokenProtector"/> (never the plain secret).</summary>
    public required string ProtectedSecret { get; init; }

    /// <summary>Whether new notifications are delivered to it. A disabled subscription receives nothing new.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>What the subscription is for, in the tenant's words.</summary>
    public string? Description { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether a notification of <paramref name="type"/> goes to this subscription.</summary>
    public bool Receives(string type) => Enabled && (EventTypes.Count == 0 || EventTypes.Contains(type, StringComparer.Ordinal));
}
