namespace TwilioCallTracking.Simulator;

/// <summary>
/// Options of the Twilio simulator: the accounts it accepts and how long each step of a call takes. Every duration is
/// simulated time: the simulator waits <c>duration × <see cref="TimeScale"/></c> on its <see cref="TimeProvider"/>, and
/// reports the durations themselves (so a 7-second call says <c>CallDuration=7</c> at any scale).
/// </summary>
public sealed class TwilioSimulatorOptions
{
    /// <summary>The configuration section the sample binds the options from.</summary>
    public const string SectionName = "TwilioSimulator";

    /// <summary>The accounts whose credentials the REST API accepts, with their phone numbers.</summary>
    public IList<SimulatedAccount> Accounts { get; } = [];

    /// <summary>
    /// The simulator's own public base URL (where <c>/2010-04-01/…</c> is served), used in recording URLs. Leave
    /// <see langword="null"/> to use the address of the request that created the call, or the server's address.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How fast simulated time runs: 1 is real time, 0.01 a hundred times faster, 0 without any wait. Default 1.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>How long a created call stays <c>queued</c> before Twilio dials it. Default 0.5 s.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a phone rings before it is answered. Default 2 s.</summary>
    public TimeSpan RingTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a busy or failed number takes to say so. Default 1 s.</summary>
    public TimeSpan RejectTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shortest conversation once answered; each call picks a whole number of seconds in [min, max]. Default 5 s.</summary>
    public TimeSpan MinTalkTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest conversation once answered. Default 10 s.</summary>
    public TimeSpan MaxTalkTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a call ends its recording callback is sent (Twilio processes the media first). Default 1 s.</summary>
    public TimeSpan RecordingProcessingTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after a call ends its <c>price</c> appears on the Call resource (Twilio's price lags). Default 30 s.</summary>
    public TimeSpan PriceDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What an outbound leg (<c>outbound-api</c>, <c>outbound-dial</c>) costs per started minute, in USD. Default 0.013.</summary>
    public decimal OutboundPricePerMinute { get; set; } = 0.013m;

    /// <summary>What an inbound leg costs per started minute, in USD. Default 0.0085.</summary>
    public decimal InboundPricePerMinute { get; set; } = 0.0085m;

    /// <summary>
    /// How long the answer to a create-call request is held back while the call itself goes ahead: to reproduce a client
    /// that times out although Twilio placed the call. Real time, not scaled. Default zero.
    /// </summary>
    public TimeSpan CreateCallResponseDelay { get; set; }

    /// <summary>How long the simulator waits for a webhook's answer before it gives up (Twilio: 15 s). Real time, not scaled.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many webhook deliveries and REST requests the in-memory log keeps (the oldest go first). Default 1000.</summary>
    public int MaxLogEntries { get; set; } = 1000;

    /// <summary>Whether recording media needs the account's HTTP Basic credentials (Twilio: opt-in, off by default).</summary>
    public bool RequireAuthenticationForMedia { get; set; }

    /// <summary>
    /// Whether <c>MapTwilioSimulator()</c> may map the simulator in an environment other than Development (default
    /// <see langword="false"/>: it refuses, because the control endpoints have no authentication and recording media is
    /// served to anyone). Set it in code, for a test host of your own that runs in another environment; it is never read
    /// from configuration, so no setting of a deployed app can turn it on. <see cref="TwilioSimulatorHost"/> sets it.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }
}
