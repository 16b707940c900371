using Microsoft.Extensions.Configuration;
using MinimalCrm.Setup;

namespace MinimalCrm.Tests;

public sealed class CrmSettingsLoaderTests : IDisposable
{
    private const string Sid = "AC0123456789abcdef0123456789abcdef";
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("minimalcrm-settings-").FullName;

    [Fact]
    public void NoTwilioVariables_IsSimulatorMode_OnTheAppsOwnUrl_WithAGeneratedKeptKey()
    {
        var settings = Load(("urls", "http://localhost:5080"));
        var again = Load(("urls", "http://localhost:5080"));

        Assert.Equal(TwilioMode.Simulator, settings.Mode);
        Assert.Equal(new Uri("http://localhost:5080"), settings.PublicBaseUrl);
        Assert.Equal(DatabaseProvider.Sqlite, settings.Database);
        Assert.Equal($"Data Source={Path.Combine(_contentRoot, "App_Data", "minimalcrm.db")}", settings.ConnectionString);
        Assert.True(settings.EncryptionKey!.Length >= 32);
        Assert.Equal(settings.EncryptionKey, again.EncryptionKey);
        Assert.Contains(settings.Notes, n => n.StartsWith("Generated a development ENCRYPTION_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Simulator_ListeningOnAnyAddress_CallsBackOnLocalhost()
    {
        Assert.Equal(new Uri("http://localhost:8080"), Load(("urls", "http://+:8080;https://+:8443")).PublicBaseUrl);
    }

    [Fact]
    public void Simulator_OnPortZero_WithoutAPublicUrl_SaysToFixThePort()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(("urls", "http://127.0.0.1:0")));

        Assert.Contains("listen on a fixed port", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void RealMode_WithEverything_UsesTheEnvironment()
    {
        var settings = Load(
            ("TWILIO_ACCOUNT_SID", Sid), ("TWILIO_AUTH_TOKEN", "token"), ("TWILIO_PHONE_NUMBER", "+18339490539"),
            ("FORWARD_PHONE_NUMBER", "+14155550123"), ("NEXT_PUBLIC_APP_URL", "https://crm.example.com/"), ("ENCRYPTION_KEY", new string('k', 32)));

        Assert.Equal(TwilioMode.Real, settings.Mode);
        Assert.Equal(new Uri("https://crm.example.com"), settings.PublicBaseUrl);
        Assert.Equal(new TwilioAccountSettings(Sid, "token", "+18339490539", "+14155550123"), settings.Twilio);
        Assert.DoesNotContain("token", settings.Twilio.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RealMode_WithBadValues_ListsEveryProblem_WithWhatToSet()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(
            ("TWILIO_ACCOUNT_SID", "AC123"), ("TWILIO_AUTH_TOKEN", "token"), ("TWILIO_PHONE_NUMBER", "8339490539"),
            ("FORWARD_PHONE_NUMBER", "my phone"), ("NEXT_PUBLIC_APP_URL", "http://crm.example.com"), ("ENCRYPTION_KEY", "short")));

        Assert.Collection(
            ex.Problems,
            p => Assert.StartsWith("TWILIO_ACCOUNT_SID must be 'AC' followed by 32 hex digits", p, StringComparison.Ordinal),
            p => Assert.StartsWith("TWILIO_PHONE_NUMBER must be in E.164", p, StringComparison.Ordinal),
            p => Assert.StartsWith("FORWARD_PHONE_NUMBER must be in E.164", p, StringComparison.Ordinal),
            p => Assert.StartsWith("NEXT_PUBLIC_APP_URL must be https with real Twilio", p, StringComparison.Ordinal),
            p => Assert.StartsWith("ENCRYPTION_KEY is 5 characters: use at least 32", p, StringComparison.Ordinal));
        Assert.StartsWith("MinimalCrm cannot start. Fix the configuration:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealMode_MissingVariables_SaysWhichAreRequired()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(("TWILIO_ACCOUNT_SID", Sid), ("TWILIO_AUTH_TOKEN", "token")));

        Assert.Collection(
            ex.Problems,
            p => Assert.StartsWith("TWILIO_PHONE_NUMBER is required with real Twilio", p, StringComparison.Ordinal),
            p => Assert.StartsWith("NEXT_PUBLIC_APP_URL is required with real Twilio", p, StringComparison.Ordinal),
            p => Assert.StartsWith("ENCRYPTION_KEY is required with real Twilio", p, StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyOneOfSidAndToken_SaysTheyGoTogether()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(("urls", "http://localhost:5080"), ("TWILIO_AUTH_TOKEN", "token")));

        Assert.StartsWith("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together", ex.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_NeedsItsConnectionString()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(("urls", "http://localhost:5080"), ("Database:Provider", "Postgres")));
        var settings = Load(("urls", "http://localhost:5080"), ("Database:Provider", "postgres"), ("ConnectionStrings:CallTracking", "Host=db;Database=crm"));

        Assert.StartsWith("Database__Provider=Postgres needs ConnectionStrings__CallTracking", Assert.Single(ex.Problems), StringComparison.Ordinal);
        Assert.Equal(DatabaseProvider.Postgres, settings.Database);
        Assert.Equal("Host=db;Database=crm", settings.ConnectionString);
    }

    [Fact]
    public void UnknownProvider_IsRefused()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => Load(("urls", "http://localhost:5080"), ("Database:Provider", "Oracle")));

        Assert.StartsWith("Database__Provider must be Sqlite (the default) or Postgres", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private CrmSettings Load(params (string Key, string Value)[] values) =>
        CrmSettingsLoader.Load(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            _contentRoot);
}
