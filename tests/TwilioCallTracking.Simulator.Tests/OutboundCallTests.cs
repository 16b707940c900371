using Twilio.Rest.Api.V2010.Account;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class OutboundCallTests
{
    private const string Contact = "+14155550123";

    [Fact]
    public async Task AnsweredCall_SendsSignedStatusCallbacksInOrder_ThenTheRecording()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var sid = await SdkCalls.PlaceAsync(harness, Contact);

        var status = harness.Receiver.At("/status");
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], status.Select(s => s["CallStatus"]));
        Assert.Equal([0, 1, 2, 3], status.Select(s => s.Number("SequenceNumber")));
        Assert.All(status, s =>
        {
            Assert.True(s.SignatureValid);
            Assert.Equal(sid, s["CallSid"]);
            Assert.Equal(harness.Account.Sid, s["AccountSid"]);
            Assert.Equal("outbound-api", s["Direction"]);
            Assert.Equal(Contact, s["To"]);
            Assert.Equal(Contact, s["Called"]);
            Assert.Equal(CallTrackingHarness.TwilioNumber, s["From"]);
            Assert.Equal(CallTrackingHarness.TwilioNumber, s["Caller"]);
            Assert.Equal("2010-04-01", s["ApiVersion"]);
            Assert.Equal("call-progress-events", s["CallbackSource"]);
            Assert.Equal("SAN FRANCISCO", s["ToCity"]);
            Assert.NotNull(TwilioTimestamp.Parse(s["Timestamp"]));
            Assert.False(s.Has("ParentCallSid"));
        });
        var answered = TwilioTimestamp.Parse(status[2]["Timestamp"])!.Value;
        var ended = TwilioTimestamp.Parse(status[3]["Timestamp"])!.Value;
        Assert.Equal(TimeSpan.FromSeconds(7), ended - answered);

        var completed = status[3];
        Assert.Equal(7, completed.Number("CallDuration"));
        Assert.Equal(1, completed.Number("Duration"));
        Assert.Equal(200, completed.Number("SipResponseCode"));
        Assert.False(status[1].Has("CallDuration"));

        var recording = Assert.Single(harness.Receiver.At("/recording"));
        Assert.True(recording.SignatureValid);
        Assert.Equal(sid, recording["CallSid"]);
        Assert.Equal("completed", recording["RecordingStatus"]);
        Assert.Equal("OutboundAPI", recording["RecordingSource"]);
        Assert.Equal(1, recording.Number("RecordingChannels"));
        Assert.Equal(7, recording.Number("RecordingDuration"));
        Assert.True(TwilioSids.IsRecordingSid(recording["RecordingSid"]));
        Assert.Equal($"{harness.Twilio.BaseUrl}2010-04-01/Accounts/{harness.Account.Sid}/Recordings/{recording["RecordingSid"]}", recording["RecordingUrl"]);
        Assert.Equal(recording["RecordingUrl"], completed["RecordingUrl"]);
    }

    [Fact]
    public async Task AnsweredCall_CallResourceShowsTheEndDurationAndPrice()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var sid = await SdkCalls.PlaceAsync(harness, Contact);
        var call = await CallResource.FetchAsync(pathSid: sid, client: harness.Client);

        Assert.Equal(CallResource.StatusEnum.Completed, call.Status);
        Assert.Equal("7", call.Duration);
        Assert.Equal("outbound-api", call.Direction);
        Assert.Equal(TimeSpan.FromSeconds(9), (call.EndTime - call.StartTime)!.Value); // 2 s ringing, 7 s talking
        Assert.Equal("-0.01300", call.Price);
        Assert.Equal("USD", call.PriceUnit);
        Assert.Null(call.ParentCallSid);
    }

    [Theory]
    [InlineData("+14155550001", new[] { "initiated", "ringing", "busy" }, 486)]
    [InlineData("+14155550002", new[] { "initiated", "ringing", "no-answer" }, 487)]
    [InlineData("+14155550003", new[] { "initiated", "failed" }, 404)]
    public async Task UnansweredCall_EndsWithCompletedEventCarryingTheTerminalStatus(string to, string[] statuses, int sipCode)
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var sid = await SdkCalls.PlaceAsync(harness, to);

        var status = harness.Receiver.At("/status");
        Assert.Equal(statuses, status.Select(s => s["CallStatus"]));
        Assert.Equal(Enumerable.Range(0, statuses.Length), status.Select(s => s.Number("SequenceNumber")));
        var last = status[^1];
        Assert.Equal(0, last.Number("CallDuration"));
        Assert.Equal(sipCode, last.Number("SipResponseCode"));
        Assert.False(last.Has("Duration"));
        var recording = Assert.Single(harness.Receiver.At("/recording"));
        Assert.Equal("absent", recording["RecordingStatus"]);
        Assert.False(recording.Has("RecordingUrl"));

        var call = await CallResource.FetchAsync(pathSid: sid, client: harness.Client);
        Assert.Equal(statuses[^1], call.Status.ToString());
        Assert.Equal("0", call.Duration);
        Assert.Equal("0.00000", call.Price);
    }

    [Fact]
    public async Task DuplicateDeliveryNumber_DeliversEveryCallbackTwice()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        await SdkCalls.PlaceAsync(harness, "+14155550004");

        var status = harness.Receiver.At("/status");
        Assert.Equal(["initiated", "initiated", "ringing", "ringing", "in-progress", "in-progress", "completed", "completed"], status.Select(s => s["CallStatus"]));
        for (var i = 0; i < status.Count; i += 2)
        {
            Assert.Equal(status[i].Parameters, status[i + 1].Parameters);
            Assert.Equal(status[i].Signature, status[i + 1].Signature);
        }

        Assert.Equal(2, harness.Receiver.At("/recording").Count);
    }

    [Fact]
    public async Task OutOfOrderNumber_DeliversCompletedBeforeRingingAndInProgress_WithTheirFiringSequenceNumbers()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        await SdkCalls.PlaceAsync(harness, "+14155550005");

        var status = harness.Receiver.At("/status");
        Assert.Equal(["initiated", "completed", "ringing", "in-progress"], status.Select(s => s["CallStatus"]));
        Assert.Equal([0, 3, 1, 2], status.Select(s => s.Number("SequenceNumber")));
    }

    [Fact]
    public async Task HangUpAtOnceNumber_CompletesWithZeroSeconds_AndAnAbsentRecording()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        await SdkCalls.PlaceAsync(harness, "+14155550006");

        var completed = harness.Receiver.At("/status")[^1];
        Assert.Equal("completed", completed["CallStatus"]);
        Assert.Equal(0, completed.Number("CallDuration"));
        Assert.Equal(0, completed.Number("Duration"));
        Assert.Equal("absent", Assert.Single(harness.Receiver.At("/recording"))["RecordingStatus"]);
    }

    [Fact]
    public async Task StatusCallbackWithoutEvents_SendsOnlyCompleted()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        await SdkCalls.PlaceAsync(harness, Contact, o => o.StatusCallbackEvent = null);

        var only = Assert.Single(harness.Receiver.At("/status"));
        Assert.Equal("completed", only["CallStatus"]);
        Assert.Equal(0, only.Number("SequenceNumber"));
    }

    [Fact]
    public async Task SpaceSeparatedEventsInRest_LeaveTheCallWithoutCallbacks_AsTwilioDoes()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        await SdkCalls.PlaceAsync(harness, Contact, o => o.StatusCallbackEvent = ["initiated ringing answered completed"]);

        Assert.Empty(harness.Receiver.At("/status"));
        var request = harness.Simulator.Log.ApiRequests.Single(r => r.Method == "POST");
        Assert.Equal(["initiated ringing answered completed"], request.All("StatusCallbackEvent"));
    }

    [Fact]
    public async Task CallWithUrl_FetchesSignedTwiml_AndEndsWhenTheTwimlEnds()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.Receiver.Respond = w => Task.FromResult(w.Path == "/twiml" ? WebhookReceiver.Twiml("<Response><Say>Hello</Say></Response>") : null);

        var sid = await SdkCalls.PlaceAsync(harness, Contact, o =>
        {
            o.Twiml = null;
            o.Url = harness.Receiver.Url("/twiml?step=1");
        });

        var fetch = Assert.Single(harness.Receiver.At("/twiml"));
        Assert.True(fetch.SignatureValid);
        Assert.Equal("POST", fetch.Method);
        Assert.EndsWith("/twiml?step=1", fetch.Url);
        Assert.Equal("in-progress", fetch["CallStatus"]);
        Assert.Equal(sid, fetch["CallSid"]);
        Assert.Equal(1, harness.Receiver.At("/status")[^1].Number("CallDuration"));
    }

    [Fact]
    public async Task CancelWhileRinging_EndsCanceled_WithACompletedEvent()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o =>
        {
            o.TimeScale = 1;
            o.QueueTime = TimeSpan.Zero;
            o.RingTime = TimeSpan.FromHours(1);
        });
        var call = await SdkCalls.CreateAsync(harness, Contact, o => o.Timeout = 600);
        await SdkCalls.WebhookDelivered(harness.Simulator, w => w["CallStatus"] == "ringing");

        var updated = await CallResource.UpdateAsync(pathSid: call.Sid, status: CallResource.UpdateStatusEnum.Canceled, client: harness.Client);
        await harness.Simulator.WaitForCallAsync(call.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal(CallResource.StatusEnum.Canceled, updated.Status);
        var last = harness.Receiver.At("/status")[^1];
        Assert.Equal("canceled", last["CallStatus"]);
        Assert.Equal(487, last.Number("SipResponseCode"));
    }

    [Fact]
    public async Task CompleteWhileTalking_HangsUp()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o =>
        {
            o.TimeScale = 1;
            o.QueueTime = o.RingTime = TimeSpan.Zero;
            o.MinTalkTime = o.MaxTalkTime = TimeSpan.FromHours(1);
        });
        var call = await SdkCalls.CreateAsync(harness, Contact);
        await SdkCalls.WebhookDelivered(harness.Simulator, w => w["CallStatus"] == "in-progress");

        var updated = await CallResource.UpdateAsync(pathSid: call.Sid, status: CallResource.UpdateStatusEnum.Completed, client: harness.Client);
        await harness.Simulator.WaitForCallAsync(call.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal(CallResource.StatusEnum.Completed, updated.Status);
        Assert.Equal("completed", harness.Receiver.At("/status")[^1]["CallStatus"]);
    }

    [Fact]
    public async Task CancelWhileQueued_SendsNoCallbackAtAll()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o =>
        {
            o.TimeScale = 1;
            o.QueueTime = TimeSpan.FromHours(1);
        });
        var call = await SdkCalls.CreateAsync(harness, Contact);

        var updated = await CallResource.UpdateAsync(pathSid: call.Sid, status: CallResource.UpdateStatusEnum.Canceled, client: harness.Client);
        await harness.Simulator.WaitForCallAsync(call.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal(CallResource.StatusEnum.Canceled, updated.Status);
        Assert.Empty(harness.Simulator.Log.Webhooks);
        Assert.Empty(harness.Receiver.Received);
    }
}
