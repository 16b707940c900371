using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using System.Diagnostics.Metrics;
using static TwilioCallTracking.Tests.ServiceHarness;

namespace TwilioCallTracking.Tests.Services;

public class MetricsTests
{
    [Fact]
    public async Task DuplicatesAndLateCallbacks_AreCounted()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var meterFactory = harness.Provider.GetRequiredService<IMeterFactory>();
        using var duplicates = new MetricCollector<long>(meterFactory, CallTrackingMetrics.MeterName, "twilio_call_tracking.webhooks.duplicates");
        using var late = new MetricCollector<long>(meterFactory, CallTrackingMetrics.MeterName, "twilio_call_tracking.webhooks.out_of_order");
        var sid = TwilioPayloads.NewCallSid();
        var completed = TwilioPayloads.StatusCallback(AccountA, sid, "completed", 3, NumberA, "+14155550100", callDuration: 3).AsParameters();

        await harness.Service.ApplyStatusCallbackAsync(TenantA, completed);
        await harness.Service.ApplyStatusCallbackAsync(TenantA, completed);
        await harness.Service.ApplyStatusCallbackAsync(TenantA, TwilioPayloads.StatusCallback(AccountA, sid, "ringing", 1, NumberA, "+14155550100").AsParameters());

        Assert.Equal(1, duplicates.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, late.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
