using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

/// <summary>
/// AddTwilioCallTracking() binds its options from the TwilioCallTracking section, then from the seed's environment
/// variable names (NEXT_PUBLIC_APP_URL, ENCRYPTION_KEY) for what the section leaves unset, and stops the host at start
/// with a message that names the setting and where to set it. The environment variables provider puts a variable at the
/// root of configuration under its own name, as the in-memory keys below do.
/// </summary>
public class TwilioCallTrackingOptionsBindingTests
{
    private const string OtherKey = "another-encryption-key-of-32-characters-at-least";

    [Fact]
    public void SeedVariableNames_SetPublicBaseUrlAndEncryptionKey()
    {
        var options = Bind(("NEXT_PUBLIC_APP_URL", "https://crm.example.com"), ("ENCRYPTION_KEY", TestKeys.EncryptionKey));

        Assert.Equal(new Uri("https://crm.example.com"), options.PublicBaseUrl);
        Assert.Equal(TestKeys.EncryptionKey, options.EncryptionKey);
    }

    [Fact]
    public void TheSection_WinsOverTheSeedVariableNames()
    {
        var options = Bind(
            ("NEXT_PUBLIC_APP_URL", "https://seed.example.com"), ("ENCRYPTION_KEY", OtherKey),
            ("TwilioCallTracking:PublicBaseUrl", "https://section.example.com"), ("TwilioCallTracking:EncryptionKey", TestKeys.EncryptionKey));

        Assert.Equal(new Uri("https://section.example.com"), options.PublicBaseUrl);
        Assert.Equal(TestKeys.EncryptionKey, options.EncryptionKey);
    }

    [Fact]
    public void TheSeedVariableNames_FillWhatTheSectionLeavesUnset()
    {
        var options = Bind(
            ("NEXT_PUBLIC_APP_URL", "https://seed.example.com"), ("ENCRYPTION_KEY", TestKeys.EncryptionKey),
            ("TwilioCallTracking:WebhookPathPrefix", "/hooks/voice"), ("TwilioCallTracking:PublicBaseUrl", ""));

        Assert.Equal(new Uri("https://seed.example.com"), options.PublicBaseUrl);
        Assert.Equal(TestKeys.EncryptionKey, options.EncryptionKey);
        Assert.Equal("/hooks/voice", options.WebhookPathPrefix);
    }

    [Fact]
    public void CodeInAddTwilioCallTracking_WinsOverConfiguration()
    {
        var options = Bind(
            o => { o.PublicBaseUrl = new Uri("https://code.example.com"); o.EncryptionKey = OtherKey; },
            ("NEXT_PUBLIC_APP_URL", "https://seed.example.com"), ("ENCRYPTION_KEY", TestKeys.EncryptionKey));

        Assert.Equal(new Uri("https://code.example.com"), options.PublicBaseUrl);
        Assert.Equal(OtherKey, options.EncryptionKey);
    }

    [Fact]
    public void NoPublicBaseUrl_IsAccepted_BecauseTenantsMaySetTheirOwn()
    {
        var options = Bind(("ENCRYPTION_KEY", TestKeys.EncryptionKey));

        Assert.Null(options.PublicBaseUrl);
    }

    [Fact]
    public void NoEncryptionKey_StopsTheStart_NamingTheSettingAndWhereToSetIt()
    {
        var error = StartupError(("NEXT_PUBLIC_APP_URL", "https://crm.example.com"));

        Assert.Contains("TwilioCallTracking:EncryptionKey (or ENCRYPTION_KEY) is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set the ENCRYPTION_KEY environment variable or TwilioCallTracking:EncryptionKey in configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(TwilioCallTrackingOptions), error.OptionsType);
    }

    [Fact]
    public void ARelativeNextPublicAppUrl_StopsTheStart_NamingBothSettings()
    {
        var error = StartupError(("NEXT_PUBLIC_APP_URL", "crm.example.com"), ("ENCRYPTION_KEY", TestKeys.EncryptionKey));

        Assert.Contains("TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL) must be an absolute https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("(was 'crm.example.com')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANextPublicAppUrlThatIsNoUrl_StopsTheStart_SayingWhatItWas()
    {
        var error = StartupError(("NEXT_PUBLIC_APP_URL", "https://exa mple.com:99999"), ("ENCRYPTION_KEY", TestKeys.EncryptionKey));

        Assert.Contains("TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL)", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://exa mple.com:99999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var error = StartupError(("NEXT_PUBLIC_APP_URL", "ftp://crm.example.com"), ("TwilioCallTracking:DialTimeoutSeconds", "1"));

        Assert.Contains("TwilioCallTracking:EncryptionKey (or ENCRYPTION_KEY) is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL) must be an absolute https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("TwilioCallTracking:DialTimeoutSeconds must be between 5 and 600", error.Message, StringComparison.Ordinal);
    }

    private static TwilioCallTrackingOptions Bind(params (string Key, string Value)[] settings) => Bind(null, settings);

    private static TwilioCallTrackingOptions Bind(Action<TwilioCallTrackingOptions>? configure, params (string Key, string Value)[] settings) =>
        Services(configure, settings).GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;

    /// <summary>What a host's start (ValidateOnStart) throws.</summary>
    private static OptionsValidationException StartupError(params (string Key, string Value)[] settings)
    {
        var validator = Services(null, settings).GetRequiredService<IStartupValidator>();
        return Assert.Throws<OptionsValidationException>(validator.Validate);
    }

    private static ServiceProvider Services(Action<TwilioCallTrackingOptions>? configure, (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddTwilioCallTracking(configure);
        return services.BuildServiceProvider();
    }
}
