namespace MinimalCrm.Setup;

/// <summary>
/// Everything the CRM reads from its environment at start, checked: see <see cref="CrmSettingsLoader"/> for the
/// variables (the seed's own names: <c>TWILIO_ACCOUNT_SID</c>, <c>NEXT_PUBLIC_APP_URL</c>, <c>ENCRYPTION_KEY</c>, …).
/// </summary>
public sealed record CrmSettings
{
    /// <summary>Real Twilio or the built-in simulator.</summary>
    public required TwilioMode Mode { get; init; }

    /// <summary>The public base URL Twilio (or the simulator) calls back: <c>NEXT_PUBLIC_APP_URL</c>, else the app's own URL.</summary>
    public required Uri PublicBaseUrl { get; init; }

    /// <summary>Encrypts tenants' auth tokens at rest: <c>ENCRYPTION_KEY</c>, or a development key kept in the data folder.</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The first demo tenant's Twilio account: from the environment in real mode; in simulator mode only its numbers are used.</summary>
    public required TwilioAccountSettings Twilio { get; init; }

    /// <summary>Where the SQLite file and the development encryption key live.</summary>
    public required string DataFolder { get; init; }

    /// <summary>SQLite or PostgreSQL.</summary>
    public required DatabaseProvider Database { get; init; }

    /// <summary>The connection string of the database (<c>ConnectionStrings__CallTracking</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Things worth telling the operator once the logger exists (e.g. that a development key was generated).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the CRM talks to the built-in simulator.</summary>
    public bool IsSimulator => Mode == TwilioMode.Simulator;
}
