using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Filters and a keyset page for listing a tenant's calls, newest first.</summary>
public sealed record CallQuery
{
    /// <summary>The largest page the stores return.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How many calls to return (1–200). Default 50.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Only calls created before this call (keyset paging): pass the last call of the previous page.</summary>
    public CallCursor? Before { get; init; }

    /// <summary>Only calls about this contact.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>Only calls in this direction.</summary>
    public CallDirection? Direction { get; init; }

    /// <summary>Only calls with this status.</summary>
    public CallStatus? Status { get; init; }

    /// <summary>Whether child legs (the forwarded <c>outbound-dial</c> legs of inbound calls) are listed. Default <see langword="false"/>.</summary>
    public bool IncludeChildLegs { get; init; }

    /// <summary>The page size clamped to 1–<see cref="MaxPageSize"/>.</summary>
    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>Whether <paramref name="call"/> passes the filters (not the page). Stores that filter in memory use it.</summary>
    public bool Matches(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return (ContactId is null || call.ContactId == ContactId)
            && (Direction is null || call.Direction == Direction)
            && (Status is null || call.Status == Status)
            && (IncludeChildLegs || call.ParentCallSid is null)
            && (Before is not { } before || call.CreatedAt < before.CreatedAt || (call.CreatedAt == before.CreatedAt && call.Id.CompareTo(before.Id) < 0));
    }
}

/// <summary>The position of a call in the newest-first list: its creation time, then its id.</summary>
/// <param name="CreatedAt">The call's <see cref="Call.CreatedAt"/>.</param>
/// <param name="Id">The call's <see cref="Call.Id"/>.</param>
public sealed record CallCursor(DateTimeOffset CreatedAt, Guid Id)
{
    /// <summary>The cursor just after <paramref name="call"/>.</summary>
    public static CallCursor After(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallCursor(call.CreatedAt, call.Id);
    }
}
