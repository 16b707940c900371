namespace TwilioCallTracking.EntityFramework;

/// <summary>What every way of writing a <see cref="CallChange"/> checks and normalises first.</summary>
internal static class CallChangeGuard
{
    /// <summary>
    /// The decision must stay within its call and tenant: a decider never writes another call's row, nor a notification
    /// about another call (with row-level security PostgreSQL would refuse one of another tenant; SQLite is told here).
    /// </summary>
    public static void Check(string tenantId, Call? current, CallDecision decision)
    {
        var (next, evt) = decision;
        var target = current ?? next!;
        if (evt!.CallId != target.Id || evt.TenantId != tenantId || target.TenantId != tenantId
            || (next is not null && (next.Id != target.Id || next.TenantId != tenantId)))
        {
            throw new ArgumentException("The event and the call's next state must belong to the call (same id and tenant).");
        }

        foreach (var notification in decision.Notifications)
        {
            if (notification.CallId != target.Id || notification.TenantId != tenantId)
            {
                throw new ArgumentException("The notifications of a change must be about its call (same id and tenant).");
            }
        }
    }

    /// <summary>The call with its timestamps as the database keeps them, so the call handed back equals the row.</summary>
    public static Call Normalized(Call call) => call with
    {
        CreatedAt = CallTrackingConverters.Stored(call.CreatedAt),
        AnsweredAt = call.AnsweredAt is { } answered ? CallTrackingConverters.Stored(answered) : null,
        EndedAt = call.EndedAt is { } ended ? CallTrackingConverters.Stored(ended) : null,
    };
}
