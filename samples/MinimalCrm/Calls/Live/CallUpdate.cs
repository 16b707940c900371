using TwilioCallTracking;

namespace MinimalCrm.Calls.Live;

/// <summary>
/// What a live page hears of a call notification: just enough to decide whether it concerns what the page shows (the
/// page then fetches itself again). Sent as the data of a server-sent event whose type is <see cref="Type"/>.
/// </summary>
/// <param name="Id">The notification's id (also the event's id).</param>
/// <param name="CallId">The call that changed.</param>
/// <param name="Type">What happened: one of <see cref="CallNotificationTypes"/>.</param>
/// <param name="Status">The call's status right after the change, in Twilio's words; <see langword="null"/> for data of an unknown version.</param>
/// <param name="ParentCallSid">For a forwarded leg, the SID of the call it belongs to (the call detail page of that call listens for it).</param>
/// <param name="OccurredAt">When the change was stored.</param>
public sealed record CallUpdate(Guid Id, Guid CallId, string Type, string? Status, string? ParentCallSid, DateTimeOffset OccurredAt)
{
    /// <summary>The update of <paramref name="notification"/>.</summary>
    public static CallUpdate From(CallNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var data = notification.DataVersion == CallNotificationData.CurrentVersion ? notification.GetData() : null;
        return new CallUpdate(notification.Id, notification.CallId, notification.Type, data?.Status, data?.ParentCallSid, notification.OccurredAt);
    }
}
