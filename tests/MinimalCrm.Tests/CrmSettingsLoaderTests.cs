using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
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

    [Fact]
    public void Simulator_OutsideDevelopment_IsRefused_SayingWhatToSet()
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => LoadIn(Environments.Production, ("urls", "http://localhost:5080")));

        Assert.Equal(
            "No Twilio account is configured, and the built-in Twilio simulator runs only in Development (this is 'Production'): " +
            "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER, NEXT_PUBLIC_APP_URL and ENCRYPTION_KEY to use real Twilio, " +
            "or run with ASPNETCORE_ENVIRONMENT=Development to use the simulator.",
            Assert.Single(ex.Problems));
        Assert.False(File.Exists(Path.Combine(_contentRoot, "App_Data", DevelopmentKeyFile.FileName)));
    }

    [Theory]
    [InlineData("http://crm.example.com", "it is plain http")]
    [InlineData("https://localhost:5080", "'localhost' is a name only this machine (or network) knows")]
    [InlineData("https://127.0.0.1", "127.0.0.1 is this machine's loopback address")]
    [InlineData("https://192.168.1.20", "192.168.1.20 is a private network address")]
    [InlineData("https://crm.internal", "'crm.internal' is a name only this machine (or network) knows")]
    public void PublicUrl_OutsideDevelopment_MustBeHttpsOnAPublicHost(string url, string why)
    {
        var ex = Assert.Throws<CrmConfigurationException>(() => LoadIn(Environments.Staging, RealMode(url)));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("NEXT_PUBLIC_APP_URL must be an absolute https URL on a public host outside Development", problem, StringComparison.Ordinal);
        Assert.Contains($"it is '{url}', and {why}.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicUrl_OutsideDevelopment_OnAPublicHttpsHost_IsAccepted_AndLocalOnesAreFineInDevelopment()
    {
        Assert.Equal(new Uri("https://crm.example.com"), LoadIn(Environments.Production, RealMode("https://crm.example.com/")).PublicBaseUrl);
        Assert.Equal(new Uri("https://localhost:5080"), Load(RealMode("https://localhost:5080")).PublicBaseUrl);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void DevelopmentKey_IsWrittenReadableByTheOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file permissions.");

        Load(("urls", "http://localhost:5080"));

        Assert.Equal(DevelopmentKeyFile.OwnerOnly, File.GetUnixFileMode(Path.Combine(_contentRoot, "App_Data", DevelopmentKeyFile.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_contentRoot, "App_Data")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void DevelopmentKey_KeptWithWiderPermissions_IsNarrowed_AndKept()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file permissions.");
        var folder = Directory.CreateDirectory(Path.Combine(_contentRoot, "App_Data")).FullName;
        var path = Path.Combine(folder, DevelopmentKeyFile.FileName);
        File.WriteAllText(path, new string('x', 44));
        File.SetUnixFileMode(path, DevelopmentKeyFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var settings = Load(("urls", "http://localhost:5080"));

        Assert.Equal(new string('x', 44), settings.EncryptionKey);
        Assert.Equal(DevelopmentKeyFile.OwnerOnly, File.GetUnixFileMode(path));
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private static (string Key, string Value)[] RealMode(string publicUrl) =>
    [
        ("TWILIO_ACCOUNT_SID", Sid), ("TWILIO_AUTH_TOKEN", "token"), ("TWILIO_PHONE_NUMBER", "+18339490539"),
        ("NEXT_PUBLIC_APP_URL", publicUrl), ("ENCRYPTION_KEY", new string('k', 32)),
    ];

    private CrmSettings Load(params (string Key, string Value)[] values) => LoadIn(Environments.Development, values);

    private CrmSettings LoadIn(string environment, params (string Key, string Value)[] values) =>
        CrmSettingsLoader.Load(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            new HostingEnvironment { EnvironmentName = environment, ContentRootPath = _contentRoot });
}
