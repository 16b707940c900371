using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

/// <summary>
/// The core's <see cref="CallTrackingServices"/> (in-memory stores) places and answers calls through the simulator on
/// its production code path, and the receiver feeds every callback back into it.
/// </summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData("+14155550123")]
    [InlineData("+14155550004")]
    [InlineData("+14155550005")]
    public async Task OutboundCall_EndsCompletedWithDurationAndRecording_WhateverTheDelivery(string to)
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.RouteWebhooksToCallTracking();
        await using var scope = harness.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.CallTracking();

        var started = await service.StartOutboundCallAsync(new StartCallRequest { TenantId = CallTrackingHarness.TenantId, To = to, UserId = "agent-7" });
        Assert.True(started.Succeeded, started.Error?.Message);
        var sid = started.Call!.TwilioCallSid!;
        await harness.Simulator.WaitForCallAsync(sid).WaitAsync(SdkCalls.Patience);

        var call = (await service.FindCallAsync(CallTrackingHarness.TenantId, started.Call.Id))!;
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(7, call.DurationSeconds);
        Assert.Equal(7, call.RecordingDurationSeconds);
        Assert.Equal(harness.Simulator.GetCall(sid)!.RecordingSids.Single(), call.RecordingSid);
        Assert.StartsWith(harness.Twilio.BaseUrl.AbsoluteUri, call.RecordingUrl, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), call.EndedAt - call.AnsweredAt);
        Assert.All(harness.Receiver.Received, w => Assert.True(w.SignatureValid));

        // The core's outbound TwiML dials the tenant's own phone: a child leg of the contact's call.
        var child = Assert.Single(harness.Simulator.GetChildCalls(sid));
        Assert.Equal(CallTrackingHarness.DefaultForwardTo, child.To);
        Assert.Equal(CallTrackingHarness.TwilioNumber, child.From);
    }

    [Fact]
    public async Task OutboundCall_WhoseCreateAnswerComesTooLate_IsStillTrackedToTheEnd()
    {
        // Twilio places the call, but answers the create request after the client's timeout.
        await using var harness = await CallTrackingHarness.StartAsync(
            o => o.CreateCallResponseDelay = TimeSpan.FromSeconds(30),
            configureServices: s => s.AddHttpClient(TwilioClientFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(2)));
        harness.RouteWebhooksToCallTracking();
        await using var scope = harness.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.CallTracking();

        var started = await service.StartOutboundCallAsync(new StartCallRequest { TenantId = CallTrackingHarness.TenantId, To = "+14155550123" });

        Assert.Equal(StartCallErrorKind.TwilioOutcomeUnknown, started.Error?.Kind);
        var placed = Assert.Single(harness.Simulator.GetCalls(), c => c.ParentCallSid is null);
        await harness.Simulator.WaitForCallAsync(placed.Sid).WaitAsync(SdkCalls.Patience);
        var call = await Eventually.ValueAsync(
            () => service.FindCallAsync(CallTrackingHarness.TenantId, started.Call!.Id),
            c => c?.RecordingSid is not null);
        Assert.Equal((placed.Sid, CallStatus.Completed, 7), (call!.TwilioCallSid, call.Status, call.DurationSeconds));
        Assert.Null(call.ErrorMessage);
        Assert.Single(harness.Simulator.GetCalls(), c => c.ParentCallSid is null);
    }

    [Fact]
    public async Task OutboundCallToABusyNumber_EndsBusy()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.RouteWebhooksToCallTracking();
        await using var scope = harness.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.CallTracking();

        var started = await service.StartOutboundCallAsync(new StartCallRequest { TenantId = CallTrackingHarness.TenantId, To = "+14155550001" });
        await harness.Simulator.WaitForCallAsync(started.Call!.TwilioCallSid!).WaitAsync(SdkCalls.Patience);

        var call = (await service.FindCallAsync(CallTrackingHarness.TenantId, started.Call.Id))!;
        Assert.Equal(CallStatus.Busy, call.Status);
        Assert.Null(call.RecordingUrl);
    }

    [Fact]
    public async Task OutboundCallTwilioRefuses_IsStoredFailedWithTwiliosCode()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        await using var scope = harness.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.CallTracking();

        var started = await service.StartOutboundCallAsync(new StartCallRequest { TenantId = CallTrackingHarness.TenantId, To = "+15005550001" });

        Assert.Equal(StartCallErrorKind.TwilioRejected, started.Error!.Kind);
        Assert.Equal(21211, started.Error.TwilioErrorCode);
        Assert.Equal(CallStatus.Failed, started.Call!.Status);
    }

    [Fact]
    public async Task InboundCall_IsForwardedRecordedAndStoredWithItsChildLeg()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.RouteWebhooksToCallTracking();

        var parent = await harness.Simulator.SimulateInboundCallAsync("+12125550147", CallTrackingHarness.TwilioNumber);
        await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        var store = harness.Services.GetRequiredService<ICallStore>();
        var inbound = (await store.FindBySidAsync(CallTrackingHarness.TenantId, parent.Sid))!;
        Assert.Equal(CallDirection.Inbound, inbound.Direction);
        Assert.Equal(CallStatus.Completed, inbound.Status);
        Assert.Equal("+12125550147", inbound.From);
        Assert.Equal("completed", inbound.DialCallStatus);
        Assert.Equal(12, inbound.DurationSeconds);
        Assert.Equal(9, inbound.RecordingDurationSeconds);
        Assert.NotNull(inbound.RecordingUrl);

        var childSid = Assert.Single(harness.Simulator.GetChildCalls(parent.Sid)).Sid;
        var child = (await store.FindBySidAsync(CallTrackingHarness.TenantId, childSid))!;
        Assert.Equal(parent.Sid, child.ParentCallSid);
        Assert.Equal(CallStatus.Completed, child.Status);
        Assert.Equal(7, child.DurationSeconds);
        Assert.All(harness.Receiver.Received, w => Assert.True(w.SignatureValid));
    }
}
