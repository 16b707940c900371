namespace MinimalCrm.Setup;

/// <summary>The sample's log messages (source-generated). Auth tokens never appear in them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "MinimalCrm: {Note}")]
    public static partial void Note(ILogger logger, string note);

    [LoggerMessage(2, LogLevel.Information, "MinimalCrm runs with {Mode} Twilio on {Database}; Twilio calls back at {PublicBaseUrl}.")]
    public static partial void Started(ILogger logger, TwilioMode mode, DatabaseProvider database, Uri publicBaseUrl);

    [LoggerMessage(3, LogLevel.Information, "Added the demo data (Development only): sign in as alice@acme.test or bob@globex.test (tenant administrators), ravi@acme.test or rita@globex.test (reps).")]
    public static partial void DemoDataSeeded(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Tenant {TenantId} uses Twilio account {AccountSid} with number {PhoneNumber}.")]
    public static partial void TenantConfigured(ILogger logger, string tenantId, string accountSid, string phoneNumber);

    [LoggerMessage(5, LogLevel.Information, "Removed tenant {TenantId}'s simulator configuration: the app runs with real Twilio.")]
    public static partial void SimulatorConfigurationRemoved(ILogger logger, string tenantId);

    [LoggerMessage(6, LogLevel.Information, "No demo data in the {Environment} environment: the demo users exist and sign in only in Development. Add your own tenants and users (crm_tenants, crm_users).")]
    public static partial void NoDemoData(ILogger logger, string environment);
}
