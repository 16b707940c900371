namespace MinimalCrm.Setup;

/// <summary>The sample's log messages (source-generated). Auth tokens never appear in them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "MinimalCrm: {Note}")]
    public static partial void Note(ILogger logger, string note);

    [LoggerMessage(2, LogLevel.Information, "MinimalCrm runs with {Mode} Twilio on {Database}; Twilio calls back at {PublicBaseUrl}.")]
    public static partial void Started(ILogger logger, TwilioMode mode, DatabaseProvider database, Uri publicBaseUrl);

    [LoggerMessage(3, LogLevel.Information, "Added the demo tenants, users and contacts (sign in as alice@acme.test or bob@globex.test).")]
    public static partial void DemoDataSeeded(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Tenant {TenantId} uses Twilio account {AccountSid} with number {PhoneNumber}.")]
    public static partial void TenantConfigured(ILogger logger, string tenantId, string accountSid, string phoneNumber);

    [LoggerMessage(5, LogLevel.Information, "Removed tenant {TenantId}'s simulator configuration: the app runs with real Twilio.")]
    public static partial void SimulatorConfigurationRemoved(ILogger logger, string tenantId);
}
