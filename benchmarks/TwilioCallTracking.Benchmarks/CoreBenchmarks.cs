using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Benchmarks;

/// <summary>
/// The core's per-webhook costs: building the inbound TwiML with the SDK's builders, and applying one status callback
/// (parse, lifecycle, atomic store change) to the in-memory store.
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private ServiceProvider _provider = null!;
    private AsyncServiceScope _scope;
    private StatusCallbackWebhook _status = null!;
    private TwilioConfiguration _configuration = null!;
    private InboundCallRequest _inbound = null!;
    private CallbackUrls _urls = null!;
    private TwilioRequestParameters[] _callbacks = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = TestKeys.EncryptionKey;
            o.PublicBaseUrl = new Uri("https://crm.example.com");
        });
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateAsyncScope();
        _status = _scope.ServiceProvider.GetRequiredService<StatusCallbackWebhook>();
        var errors = _scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>()
            .SaveAsync(TestTenants.A.TenantId, TestTenants.A.Settings)
            .GetAwaiter().GetResult();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("benchmark setup failed");
        }

        _configuration = _scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().FindAsync(TestTenants.A.TenantId).AsTask().GetAwaiter().GetResult()!;
        _urls = CallbackUrls.For(_configuration, new TwilioCallTrackingOptions { PublicBaseUrl = new Uri("https://crm.example.com") })!;
        _inbound = InboundCallRequest.Parse(TwilioPayloads.InboundCall(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "+12125550199", TestTenants.A.PhoneNumber).AsParameters(), out _)!;

        // 200,000 distinct calls, each receiving its own ringing callback: every iteration applies a fresh delivery.
        _callbacks = Enumerable.Range(0, 200_000)
            .Select(i => TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "ringing", 1, TestTenants.A.PhoneNumber, "+14155550100").AsParameters())
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _provider.Dispose();
    }

    /// <summary>The answer webhook's TwiML: Say + Dial with record, callbacks and Number.</summary>
    [Benchmark]
    public string InboundTwimlForward() => InboundTwiml.Forward(_inbound, _configuration, new TwilioCallTrackingOptions(), _urls);

    /// <summary>One realistic status callback applied to the in-memory store (a new call, as for a first callback).</summary>
    [Benchmark]
    public Task<TwilioCallTracking.WebhookResult> ApplyStatusCallbackInMemory() =>
        _status.HandleAsync(_configuration, _callbacks[_next++ % _callbacks.Length]);

    /// <summary>The pure lifecycle rule alone.</summary>
    [Benchmark]
    public object LifecycleApplyStatus() => CallLifecycle.ApplyStatus(
        new Call { TenantId = "t", From = "+1", To = "+2", Status = CallStatus.Ringing },
        new StatusReport { RawStatus = "in-progress", Status = CallStatus.InProgress, At = DateTimeOffset.UnixEpoch });
}
