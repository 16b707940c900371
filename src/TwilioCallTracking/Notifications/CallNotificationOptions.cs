namespace TwilioCallTracking;

/// <summary>
/// How notifications are delivered from the outbox (<c>TwilioCallTracking:Notifications</c>): to the host's
/// <see cref="ICallNotificationHandler"/>s and to the tenants' outgoing webhook subscriptions.
/// </summary>
public sealed class CallNotificationOptions
{
    /// <summary>
    /// Whether this process delivers notifications. Notifications are stored with each change either way; a process with
    /// delivery off leaves them for the others sharing its database.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the dispatcher looks for work when nothing woke it: a change made in this process wakes it at once, one
    /// made by another process sharing the database is seen within this interval.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most notifications fanned out, and deliveries claimed, at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How many deliveries are attempted at once.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>How long a claimed delivery stays leased to this process (longer than a handler or a webhook can take).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a handler may run before it is cancelled and its attempt counted as failed.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an outgoing webhook attempt may take in all (its quick retries included).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the second attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is dead (dead-lettered): with the defaults, about nine hours of trying.</summary>
    public int MaxAttempts { get; set; } = 16;

    /// <summary>How long notifications whose deliveries all ended (delivered or dead) are kept, for the delivery log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
