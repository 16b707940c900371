using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests;

/// <summary>The core services wired as an app would, with the real SDK talking to a loopback fake Twilio.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
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

    public TwilioConfigurationService Configurations => _scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();

    public TestContactDirectory Contacts => Provider.GetRequiredService<TestContactDirectory>();

    public static async Task<ServiceHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var twilio = await FakeTwilioServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = TestKeys.EncryptionKey;
            o.PublicBaseUrl = new Uri("https://crm.example.com");
            o.TwilioApiBaseUrl = twilio.BaseUrl;
        });
        TestContactDirectory.Register(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var harness = new ServiceHarness(twilio, provider, time);
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, TestTenants.A.Settings);
        await harness.ConfigureTenantAsync(TestTenants.B.TenantId, TestTenants.B.Settings with { ForwardToNumber = null });
        return harness;
    }

    public async Task ConfigureTenantAsync(string tenantId, TwilioSettings settings)
    {
        var errors = await _scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(tenantId, settings);
        Assert.Empty(errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await Provider.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
