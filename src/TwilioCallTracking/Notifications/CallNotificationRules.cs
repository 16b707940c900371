namespace TwilioCallTracking;

/// <summary>
/// Which notifications a change raises: pure, from the call before and after it. Each one is raised by the change that
/// first makes it true (a field set for the first time, a status reached), so a repeated or late webhook raises nothing.
/// </summary>
internal static class CallNotificationRules
{
    public static IReadOnlyList<CallNotification> For(Call? before, Call after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(after);
        List<CallNotification>? raised = null;
        string? data = null;
        foreach (var type in CallNotificationTypes.All)
        {
            if (Raises(type, before, after))
            {
                data ??= CallNotificationData.Of(after).ToJson();
                raised ??= [];

                // Version 7 ids order by millisecond: one apart keeps a change's notifications in the order they are raised.
                raised.Add(new CallNotification
                {
                    Id = Guid.CreateVersion7(at.AddMilliseconds(raised.Count)),
                    TenantId = after.TenantId,
                    CallId = after.Id,
                    Type = type,
                    OccurredAt = at,
                    DataVersion = CallNotificationData.CurrentVersion,
                    Data = data,
                });
            }
        }

        return raised ?? (IReadOnlyList<CallNotification>)[];
    }

    private static bool Raises(string type, Call? before, Call after) => type switch
    {
        CallNotificationTypes.Started => before is null,
        CallNotificationTypes.Ringing => after.Status == CallStatus.Ringing && (before is null || CallLifecycle.Rank(before.Status) < CallLifecycle.Rank(CallStatus.Ringing)),
        CallNotificationTypes.Answered => after.AnsweredAt is not null && before?.AnsweredAt is null,
        CallNotificationTypes.Ended => after.Status.IsTerminal() && before?.Status.IsTerminal() != true,
        CallNotificationTypes.RecordingReady => after.RecordingSid is not null && before?.RecordingSid is null,
        CallNotificationTypes.PriceKnown => after.Price is not null && before?.Price is null,
        CallNotificationTypes.ContactMatched => after.ContactId is not null && before?.ContactId is null,
        _ => false,
    };
}
