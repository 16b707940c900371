using Microsoft.Extensions.Time.Testing;
using Twilio.Rest.Api.V2010.Account;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

/// <summary>Every wait of the simulator runs on its <see cref="TimeProvider"/>: a fake clock drives a call step by step.</summary>
public sealed class SimulatedTimeTests
{
    [Fact]
    public async Task OnAFakeClock_TheCallFollowsTheConfiguredTimeline_AndThePriceLags()
    {
        var start = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var harness = await CallTrackingHarness.StartAsync(
            o =>
            {
                o.TimeScale = 1;
                o.QueueTime = TimeSpan.FromSeconds(1);
                o.RingTime = TimeSpan.FromSeconds(2);
                o.PriceDelay = TimeSpan.FromMinutes(5);
                o.RecordingProcessingTime = TimeSpan.FromSeconds(1);
                o.WebhookTimeout = TimeSpan.FromDays(1);
            },
            clock);
        var call = await SdkCalls.CreateAsync(harness, "+14155550123");

        var finished = harness.Simulator.WaitForCallAsync(call.Sid);
        while (!finished.IsCompleted)
        {
            // Nothing happens unless the fake clock moves; move it in small steps until the call is over.
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(finished, Task.Delay(2));
        }

        var status = harness.Receiver.At("/status").ToDictionary(s => s["CallStatus"]!, s => TwilioTimestamp.Parse(s["Timestamp"])!.Value);
        Assert.Equal(start.AddSeconds(1), status["initiated"]);
        Assert.Equal(start.AddSeconds(1), status["ringing"]);
        Assert.Equal(start.AddSeconds(3), status["in-progress"]);
        Assert.Equal(start.AddSeconds(10), status["completed"]);
        var beforePrice = await CallResource.FetchAsync(pathSid: call.Sid, client: harness.Client);
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterPrice = await CallResource.FetchAsync(pathSid: call.Sid, client: harness.Client);

        Assert.Null(beforePrice.Price);
        Assert.Equal("-0.01300", afterPrice.Price);
        Assert.Equal("7", afterPrice.Duration);
    }
}
