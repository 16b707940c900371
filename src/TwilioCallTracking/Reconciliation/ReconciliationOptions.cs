namespace TwilioCallTracking;

/// <summary>
/// How the reconciliation sweeper asks Twilio for the truth about calls whose callbacks were lost, and fetches prices
/// (Twilio fills a call's price some time after it ends, and no callback carries it).
/// </summary>
public sealed class ReconciliationOptions
{
    /// <summary>Whether the sweeper runs in this process. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweeper looks for due calls. Default 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call still not ended this long after it was created is checked with Twilio. Default 2 hours.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// An outbound call whose create request got no answer (still queued, no SID) is looked for at Twilio this long after
    /// it was created: found, it gets its SID and status; not found, it is marked failed, since Twilio never placed it.
    /// Its callbacks usually settle it long before. Default 5 minutes.
    /// </summary>
    public TimeSpan UnconfirmedCallDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a call ended its price is first fetched. Default 2 minutes.</summary>
    public TimeSpan PriceDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first back-off after an attempt that did not finish; it doubles each time. Default 1 minute.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest back-off. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many attempts a call is left alone. Default 12.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How many calls one sweep claims. Default 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim protects a call from other instances if this one dies mid-work. Default 5 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
