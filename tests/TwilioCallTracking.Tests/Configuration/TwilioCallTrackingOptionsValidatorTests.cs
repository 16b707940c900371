using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

public class TwilioCallTrackingOptionsValidatorTests
{
    [Fact]
    public void GoodOptions_AreAccepted()
    {
        var options = Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.PublicBaseUrl = new Uri("https://crm.example.com"); });

        Assert.Equal("/api/twilio/voice", options.WebhookPathPrefix);
    }

    [Theory]
    [InlineData(null, "TwilioCallTracking:EncryptionKey (or ENCRYPTION_KEY) is required")]
    [InlineData("short", "TwilioCallTracking:EncryptionKey (or ENCRYPTION_KEY) must be at least 32 characters")]
    public void MissingOrShortKey_SaysWhatToDo(string? key, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => o.EncryptionKey = key));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("ENCRYPTION_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://crm.example.com", "TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL) must be an absolute https URL")]
    [InlineData("https://crm.example.com/?x=1", "TwilioCallTracking:PublicBaseUrl (or NEXT_PUBLIC_APP_URL) must not have a query string")]
    public void BadPublicBaseUrl_IsRefused(string url, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.PublicBaseUrl = new Uri(url); }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/twilio")]
    [InlineData("/api/twilio/")]
    [InlineData("")]
    public void BadPrefix_IsRefused(string prefix)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.WebhookPathPrefix = prefix; }));

        Assert.Contains("WebhookPathPrefix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    public void DialTimeoutOutsideTwiliosRange_IsRefused(int seconds)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.DialTimeoutSeconds = seconds; }));

        Assert.Contains("between 5 and 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreTimeoutUnderOneSecond_IsRefused()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Resolve(o => o.EncryptionKey = TestKeys.EncryptionKey).StoreTimeout);

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.StoreTimeout = TimeSpan.FromMilliseconds(500); }));

        Assert.Contains("StoreTimeout must be at least 00:00:01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BindFromTheConfigurationSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TwilioCallTracking:EncryptionKey"] = TestKeys.EncryptionKey,
            ["TwilioCallTracking:PublicBaseUrl"] = "https://tunnel.example.com",
            ["TwilioCallTracking:WebhookPathPrefix"] = "/hooks/voice",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddTwilioCallTracking();

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;

        Assert.Equal(new Uri("https://tunnel.example.com"), options.PublicBaseUrl);
        Assert.Equal("/hooks/voice", options.WebhookPathPrefix);
    }

    [Theory]
    [InlineData("http://crm.example.com", "must use https")]
    [InlineData("https://localhost:5001", "must be on a public host, not 'localhost'")]
    [InlineData("https://app.localhost", "must be on a public host")]
    [InlineData("https://127.0.0.1", "must be on a public host")]
    [InlineData("https://10.1.2.3", "must be on a public host")]
    [InlineData("https://172.20.0.5", "must be on a public host")]
    [InlineData("https://192.168.1.10", "must be on a public host")]
    [InlineData("https://169.254.169.254", "must be on a public host")]
    [InlineData("https://100.64.0.1", "must be on a public host")]
    [InlineData("https://0.0.0.0", "must be on a public host")]
    [InlineData("https://[::1]", "must be on a public host")]
    [InlineData("https://[fd00::1]", "must be on a public host")]
    [InlineData("https://[fe80::1]", "must be on a public host")]
    [InlineData("https://[::ffff:10.0.0.1]", "must be on a public host")]
    [InlineData("https://intranet", "must be on a public host")]
    public void NonPublicBaseUrl_IsRefusedOutsideDevelopment(string url, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.PublicBaseUrl = new Uri(url); }, "Production"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("TwilioCallTracking:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://crm.example.com")]
    [InlineData("https://203.0.113.7:8443/crm")]
    [InlineData("https://[2001:db8::7]")]
    [InlineData("https://172.32.0.1")]
    public void PublicHttpsBaseUrl_IsAccepted(string url)
    {
        var options = Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.PublicBaseUrl = new Uri(url); }, "Production");

        Assert.Equal(new Uri(url), options.PublicBaseUrl);
    }

    [Fact]
    public void LocalHttpBaseUrl_IsAcceptedInDevelopment_OrWhenAllowed()
    {
        var development = Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.PublicBaseUrl = new Uri("http://localhost:5000"); }, "Development");
        var allowed = Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.AllowPrivateNetworkUrls = true; o.PublicBaseUrl = new Uri("http://10.0.0.5"); }, "Production");
        var refusedInDevelopment = Assert.Throws<OptionsValidationException>(() =>
            Resolve(o => { o.EncryptionKey = TestKeys.EncryptionKey; o.AllowPrivateNetworkUrls = false; o.PublicBaseUrl = new Uri("http://localhost:5000"); }, "Development"));

        Assert.True(development.AllowPrivateNetworkUrls);
        Assert.True(allowed.AllowPrivateNetworkUrls);
        Assert.Contains("must use https", refusedInDevelopment.Message, StringComparison.Ordinal);
    }

    private static TwilioCallTrackingOptions Resolve(Action<TwilioCallTrackingOptions> configure, string? environment = null)
    {
        var services = new ServiceCollection();
        if (environment is not null)
        {
            services.AddSingleton<IHostEnvironment>(new Environment(environment));
        }

        services.AddTwilioCallTracking(configure);
        return services.BuildServiceProvider().GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
