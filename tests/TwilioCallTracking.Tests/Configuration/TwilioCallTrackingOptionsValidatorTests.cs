using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    [InlineData(null, "EncryptionKey is required")]
    [InlineData("short", "EncryptionKey must be at least 32 characters")]
    public void MissingOrShortKey_SaysWhatToDo(string? key, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => o.EncryptionKey = key));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("ENCRYPTION_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://crm.example.com", "PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("https://crm.example.com/?x=1", "PublicBaseUrl must not have a query string")]
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

    private static TwilioCallTrackingOptions Resolve(Action<TwilioCallTrackingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddTwilioCallTracking(configure);
        return services.BuildServiceProvider().GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value;
    }
}
