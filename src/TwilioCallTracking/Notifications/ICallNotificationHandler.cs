namespace TwilioCallTracking;

/// <summary>
/// Reacts to calls in the host's own process: create a CRM activity when a call ends, alert a rep, push a status to an
/// open page. Register with <c>AddTwilioCallTracking().AddNotificationHandler&lt;THandler&gt;()</c>; each handler gets a
/// scope of its own for each notification.
/// </summary>
/// <remarks>
/// <para>
/// A handler runs after the change is committed, in the background: never inside the webhook's transaction, and a
/// failing or slow handler never fails or slows the answer to Twilio. Each handler receives each notification once; one
/// that throws (or outlasts <see cref="CallNotificationOptions.HandlerTimeout"/>) receives it again later, with backoff,
/// until it succeeds or <see cref="CallNotificationOptions.MaxAttempts"/> is reached (the delivery is then dead, and can
/// be redelivered).
/// </para>
/// <para>
/// Delivery is at least once: if the process stops after a handler finished but before that was recorded, the handler
/// receives the notification again after the restart. Use <see cref="CallNotification.Id"/> to ignore a repeat where that matters.
/// </para>
/// </remarks>
public interface ICallNotificationHandler
{
    /// <summary>Handles one notification.</summary>
    /// <param name="notification">What happened to which call.</param>
    /// <param name="cancellationToken">Cancelled when the handler outlasts its timeout or the host stops.</param>
    Task HandleAsync(CallNotification notification, CancellationToken cancellationToken);
}
