using TwilioCallTracking;

namespace MinimalCrm.Calls.Live;

/// <summary>
/// Tells the live call pages of a notification's tenant what happened (registered with
/// <c>AddTwilioCallTracking().AddNotificationHandler&lt;CallUpdatesHandler&gt;()</c>). It runs in the background after the
/// change was committed, so a page that fetches itself on the update sees the change.
/// </summary>
/// <remarks>
/// The broadcaster is this process's: only browsers connected to the instance whose dispatcher delivered the notification
/// hear of it (see <see cref="CallUpdateBroadcaster"/>).
/// </remarks>
public sealed class CallUpdatesHandler(CallUpdateBroadcaster broadcaster) : ICallNotificationHandler
{
    /// <inheritdoc/>
    public Task HandleAsync(CallNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        broadcaster.Publish(notification.TenantId, CallUpdate.From(notification));
        return Task.CompletedTask;
    }
}
