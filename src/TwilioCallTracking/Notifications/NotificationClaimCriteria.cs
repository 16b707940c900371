namespace TwilioCallTracking;

/// <summary>Which deliveries <see cref="ICallNotificationStore.ClaimDeliveriesAsync"/> claims, and for whom.</summary>
public sealed record NotificationClaimCriteria
{
    /// <summary>Deliveries due by this time are claimed; leases that expired by it are void.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The most deliveries to claim.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Who claims (one id per dispatcher), for diagnostics.</summary>
    public required string Owner { get; init; }

    /// <summary>When the leases taken end.</summary>
    public required DateTimeOffset LeaseExpiresAt { get; init; }
}

/// <summary>A delivery claimed by <see cref="ICallNotificationStore.ClaimDeliveriesAsync"/>.</summary>
/// <param name="Delivery">The delivery as claimed.</param>
/// <param name="LeaseId">The lease's id: <see cref="ICallNotificationStore.CompleteDeliveryAsync"/> is fenced by it.</param>
public sealed record NotificationDeliveryLease(NotificationDelivery Delivery, Guid LeaseId);

/// <summary>The result of one delivery attempt, recorded by <see cref="ICallNotificationStore.CompleteDeliveryAsync"/>.</summary>
public sealed record NotificationAttempt
{
    /// <summary>When the attempt ended.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>
    /// The delivery's state after it: <see cref="NotificationDeliveryState.Delivered"/>, <see cref="NotificationDeliveryState.Pending"/>
    /// (try again at <see cref="NextAttemptAt"/>) or <see cref="NotificationDeliveryState.Dead"/>.
    /// </summary>
    public required NotificationDeliveryState State { get; init; }

    /// <summary>When to try again (pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The HTTP status a webhook receiver answered, if it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why it failed, in words.</summary>
    public string? Error { get; init; }
}

/// <summary>Which deliveries <see cref="ICallNotificationStore.ListDeliveriesAsync"/> lists: newest first, one page.</summary>
public sealed record NotificationDeliveryQuery
{
    /// <summary>The most deliveries to list (1–500).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Only deliveries older than this one (its id): the next page after the last delivery of the previous one.</summary>
    public Guid? Before { get; init; }

    /// <summary>Only deliveries in this state.</summary>
    public NotificationDeliveryState? State { get; init; }

    /// <summary>Only deliveries to this target.</summary>
    public NotificationTarget? Target { get; init; }

    /// <summary>Only deliveries of notifications about this call.</summary>
    public Guid? CallId { get; init; }
}
