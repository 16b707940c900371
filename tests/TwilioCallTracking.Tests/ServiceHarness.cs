using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests;

/// <summary>The core services wired as an app would, with the real SDK talking to a loopback fake Twilio.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string AccountA = "AC11111111111111111111111111111111";
    public const string AccountB = "AC22222222222222222222222222222222";
    public const string TokenA = "token-of-tenant-a-0123456789abcdef";
    public const string TokenB = "token-of-tenant-b-0123456789abcdef";
    public const string NumberA = "+18005550100";
    public const string NumberB = "+18005550200";
    public const string ForwardA = "+14155550123";
    public const string EncryptionKey = "test-encryption-key-0123456789-abcdefghij";

    private readonly AsyncServiceScope _scope;

    private ServiceHarness(FakeTwilioServer twilio, ServiceProvider provider, FakeTimeProvider time)
    {
        Twilio = twilio;
        Provider = provider;
        Time = time;
        _scope = provider.CreateAsyncScope();
    }

    public FakeTwilioServer Twilio { get; }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public CallTrackingServices Service => _scope.ServiceProvider.CallTracking();

    public ICallStore Calls => Provider.GetRequiredService<ICallStore>();

    public static async Task<ServiceHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var twilio = await FakeTwilioServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = EncryptionKey;
            o.PublicBaseUrl = new Uri("https://crm.example.com");
            o.TwilioApiBaseUrl = twilio.BaseUrl;
        });
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var harness = new ServiceHarness(twilio, provider, time);
        await harness.ConfigureTenantAsync(TenantA, AccountA, TokenA, NumberA, ForwardA);
        await harness.ConfigureTenantAsync(TenantB, AccountB, TokenB, NumberB, null);
        return harness;
    }

    public async Task ConfigureTenantAsync(string tenant, string account, string token, string number, string? forward)
    {
        var errors = await _scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(tenant, new TwilioSettings
        {
            AccountSid = account,
            AuthToken = token,
            PhoneNumber = number,
            ForwardToNumber = forward,
        });
        Assert.Empty(errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await Provider.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
