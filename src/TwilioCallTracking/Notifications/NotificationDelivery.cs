namespace TwilioCallTracking;

/// <summary>
/// One notification on its way to one target (an in-process handler, or one outgoing webhook subscription): the outbox's
/// unit of work and a line of the delivery log.
/// </summary>
public sealed record NotificationDelivery
{
    /// <summary>The delivery's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The notification delivered.</summary>
    public required CallNotification Notification { get; init; }

    /// <summary>Where it goes: see <see cref="NotificationTarget"/>.</summary>
    public required NotificationTarget Target { get; init; }

    /// <summary>Where the delivery stands.</summary>
    public required NotificationDeliveryState State { get; init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; init; }

    /// <summary>When the delivery is next due (pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the delivery was created (the notification dispatched to its targets).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last attempt ended.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status a webhook receiver answered on the last attempt, if it answered.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed, in words (never a secret, never the receiver's body).</summary>
    public string? LastError { get; init; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
}
