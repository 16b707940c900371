using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Which calls are due for reconciliation now, and the lease to take on them.</summary>
public sealed record ReconciliationCriteria
{
    /// <summary>The current time.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>A non-terminal call created before this instant is suspect (its callbacks may have been lost).</summary>
    public required DateTimeOffset StaleIfCreatedBefore { get; init; }

    /// <summary>
    /// An outbound call still queued with no Twilio SID (its create request got no answer, or the host stopped before it)
    /// created before this instant is due: the sweeper looks for it at Twilio.
    /// </summary>
    public required DateTimeOffset UnconfirmedIfCreatedBefore { get; init; }

    /// <summary>A terminal call with a Twilio SID but no price, ended before this instant, is due for a price fetch.</summary>
    public required DateTimeOffset PriceIfEndedBefore { get; init; }

    /// <summary>Calls already tried this many times are left alone.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>The most calls to claim at once.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Who takes the lease (for diagnostics: host name and process id, for instance).</summary>
    public required string Owner { get; init; }

    /// <summary>When the leases taken now expire if never released.</summary>
    public required DateTimeOffset LeaseExpiresAt { get; init; }

    /// <summary>
    /// Whether <paramref name="call"/> is due, given its reconciliation state: a non-terminal call created before
    /// <see cref="StaleIfCreatedBefore"/>, a terminal call without a price that ended before <see cref="PriceIfEndedBefore"/>,
    /// a call whose caller is not known yet (stored from an early recording callback), or a queued call without a SID
    /// created before <see cref="UnconfirmedIfCreatedBefore"/>. Stores that filter in memory use it.
    /// </summary>
    public bool IsDue(Call call, int attempts, DateTimeOffset? nextAttemptAt)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (attempts >= MaxAttempts || (nextAttemptAt is { } next && next > Now))
        {
            return false;
        }

        if (call.TwilioCallSid is null)
        {
            return call.Status == CallStatus.Queued && call.CreatedAt < UnconfirmedIfCreatedBefore;
        }

        // A call stored from a recording callback before anything told us its caller is due at once.
        return call.From.Length == 0
            || (call.Status.IsTerminal()
            ? call.Price is null && call.EndedAt is { } ended && ended < PriceIfEndedBefore
            : call.CreatedAt < StaleIfCreatedBefore);
    }
}

/// <summary>A call claimed for reconciliation by one worker.</summary>
/// <param name="Call">The call as it was when claimed.</param>
/// <param name="LeaseId">Fences the release: only the holder of this lease can release it.</param>
/// <param name="Attempts">How many reconciliation attempts the call has had before this one.</param>
public sealed record ReconciliationLease(Call Call, Guid LeaseId, int Attempts);
