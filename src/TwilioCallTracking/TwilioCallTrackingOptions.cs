using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Options of TwilioCallTracking, bound from the <c>TwilioCallTracking</c> configuration section and validated at start.
/// </summary>
public sealed class TwilioCallTrackingOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TwilioCallTracking";

    /// <summary>
    /// The public base URL Twilio calls (scheme, host and, if any, port and path base), e.g. <c>https://crm.example.com</c>
    /// or a tunnel's URL. Used to build callback URLs and, by the ASP.NET Core package, to rebuild the URL Twilio signed.
    /// A tenant's own <see cref="TwilioConfiguration.PublicBaseUrl"/> takes priority. Bound from
    /// <c>TwilioCallTracking:PublicBaseUrl</c>, else the <c>NEXT_PUBLIC_APP_URL</c> environment variable (the seed's name).
    /// </summary>
    /// <remarks>
    /// Not required at start, because tenants may set their own. Without either, inbound webhooks are checked against,
    /// and answered with callback URLs built from, the URL of the request as the app sees it, and an outbound call for
    /// such a tenant is refused with a message that names this setting.
    /// </remarks>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><c>NEXT_PUBLIC_APP_URL</c> when it could not be read as a URL, for the validator to report.</summary>
    internal string? UnparsedPublicBaseUrl { get; set; }

    /// <summary>
    /// Whether <see cref="PublicBaseUrl"/> and tenants' public base URLs may be http, or point at loopback, private or
    /// link-local addresses, <c>localhost</c> or single-label names. Default: <see langword="true"/> in the Development
    /// environment, <see langword="false"/> elsewhere, where Twilio must reach them over the internet with https.
    /// </summary>
    public bool AllowPrivateNetworkUrls { get; set; }

    /// <summary>The path under which the voice webhooks are mapped. Default <c>/api/twilio/voice</c>.</summary>
    public string WebhookPathPrefix { get; set; } = "/api/twilio/voice";

    /// <summary>
    /// The key that encrypts auth tokens at rest: 32+ characters or 32 bytes in base64. Required. Bound from
    /// <c>TwilioCallTracking:EncryptionKey</c>, else the <c>ENCRYPTION_KEY</c> environment variable (the seed's name).
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Keys that encrypted auth tokens before <see cref="EncryptionKey"/> was rotated; used only to decrypt.</summary>
    public IList<string> PreviousEncryptionKeys { get; } = [];

    /// <summary>Whether outbound calls are recorded when the request does not say. Default <see langword="true"/>.</summary>
    public bool RecordByDefault { get; set; } = true;

    /// <summary>What inbound callers hear before they are forwarded, when the tenant set no greeting.</summary>
    public string DefaultGreeting { get; set; } = "Thank you for calling. Connecting you now.";

    /// <summary>What an inbound caller hears when the tenant has no forward-to number.</summary>
    public string UnavailableMessage { get; set; } = "Sorry, nobody can take your call right now. Goodbye.";

    /// <summary>How long a forwarded call rings before it counts as unanswered, in seconds (Twilio allows 5–600). Default 30.</summary>
    public int DialTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Sends the Twilio SDK's REST requests to this base address instead of <c>https://api.twilio.com</c>: for a local
    /// Twilio simulator or a test server. Leave unset in production.
    /// </summary>
    public Uri? TwilioApiBaseUrl { get; set; }

    /// <summary>How often one webhook is re-applied when another webhook changed the same call at the same moment. Default 20.</summary>
    public int MaxConcurrencyRetries { get; set; } = 20;

    /// <summary>
    /// The store budget of a webhook: how long it may wait for the store (its turn at the database writer, locks other
    /// connections or processes hold, the database's answer) before it answers 503 with <c>Retry-After</c>, so that
    /// Twilio, which gives up after 15 s, retries it instead of losing it. The EF Core stores also bound every database
    /// command by it (SQLite's busy timeout, PostgreSQL's command timeout), so one stuck write cannot keep the webhooks
    /// queued behind it waiting. Default 10 s; at least 1 s; keep it well under 15 s.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a tenant's configuration (and its decrypted auth token) is reused for webhooks before it is read again.
    /// A save through <see cref="TwilioConfigurationService"/> takes effect at once on the host that saved it; other
    /// hosts sharing the database see it within this time. <see cref="TimeSpan.Zero"/> turns the cache off. Default 30 s.
    /// </summary>
    public TimeSpan ConfigurationCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many tenants' configurations (by tenant and by number) are kept at most. Default 10,000.</summary>
    public int ConfigurationCacheSize { get; set; } = 10_000;

    /// <summary>The reconciliation sweeper: stuck calls and lagging prices (section <c>TwilioCallTracking:Reconciliation</c>).</summary>
    public ReconciliationOptions Reconciliation { get; } = new();

    /// <summary>How notifications of calls reach the host's handlers and the tenants' outgoing webhooks.</summary>
    public CallNotificationOptions Notifications { get; } = new();

    /// <summary>
    /// The region used to read numbers written without a country code (e.g. <c>US</c>) when matching callers to
    /// contacts. Default <see langword="null"/>: such numbers are not matched.
    /// </summary>
    public string? DefaultPhoneRegion { get; set; }
}
