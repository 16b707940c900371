namespace TwilioCallTracking;

/// <summary>Where a <see cref="NotificationDelivery"/> stands.</summary>
public enum NotificationDeliveryState
{
    /// <summary>Not delivered yet: due at <see cref="NotificationDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Delivered (a handler returned, a receiver answered 2xx).</summary>
    Delivered,

    /// <summary>Given up after the last attempt allowed (dead-lettered); only a redelivery tries again.</summary>
    Dead,
}
