using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// The reconciliation state kept on <c>calls</c> as EF shadow properties (the domain <see cref="Call"/> knows nothing of
/// it), and the SQL that picks the calls which may ever need Twilio's word: the filter of the claim index, repeated word
/// for word in the claim query so that both PostgreSQL and SQLite can prove the partial index applies.
/// </summary>
internal static class ReconciliationColumns
{
    /// <summary>How many reconciliation attempts the call has had (<c>reconcile_attempts</c>, default 0).</summary>
    public const string Attempts = "ReconcileAttempts";

    /// <summary>When the call is due again (<c>reconcile_next_at</c>): null until the first attempt, <see cref="Finished"/> once done.</summary>
    public const string NextAt = "ReconcileNextAt";

    /// <summary>The lease of the worker that claimed the call (<c>reconcile_lease_id</c>), null when free.</summary>
    public const string LeaseId = "ReconcileLeaseId";

    /// <summary>When that lease ends if never released (<c>reconcile_lease_expires_at</c>).</summary>
    public const string LeaseExpiresAt = "ReconcileLeaseExpiresAt";

    /// <summary>"Never due again", as <see cref="TwilioCallTracking.ICallReconciliationStore.ReleaseAsync"/> allows it to be stored.</summary>
    public static readonly DateTimeOffset Finished = DateTimeOffset.MaxValue;

    /// <summary>
    /// The calls reconciliation may ever concern: those with a SID whose caller, price or end is still unknown, and the
    /// queued ones without a SID (outbound calls whose create request got no answer). Terminal calls with a price (nearly
    /// every call, once priced) and calls Twilio refused stay out of the index.
    /// </summary>
    public static readonly string MayNeedTwilio =
        $"(twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ({StatusList(terminal: false)}))) " +
        $"OR (twilio_call_sid IS NULL AND status = '{CallStatus.Queued.ToTwilioString()}')";

    /// <summary>The quoted Twilio status strings of the terminal (or non-terminal) statuses, from <see cref="CallStatusNames"/>.</summary>
    public static string StatusList(bool terminal) => string.Join(
        ", ", Enum.GetValues<CallStatus>().Where(s => s.IsTerminal() == terminal).Select(s => $"'{s.ToTwilioString()}'"));
}
