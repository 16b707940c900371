using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using System.Diagnostics.Metrics;

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
        var completed = TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, "completed", 3, TestTenants.A.PhoneNumber, "+14155550100", callDuration: 3).AsParameters();

        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, completed);
        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, completed);
        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, "ringing", 1, TestTenants.A.PhoneNumber, "+14155550100").AsParameters());

        Assert.Equal(1, duplicates.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, late.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
