using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using TwilioCallTracking;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class InboundCallTests
{
    private const string Caller = "+12125550147";

    [Fact]
    public async Task ForwardTwimlFromTheCore_IsFollowed_ChildLegDialActionRecordingAndParentEnd()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        AnswerWithCoreTwiml(harness);

        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        var answer = Assert.Single(harness.Receiver.At("/api/twilio/voice/answer"));
        Assert.True(answer.SignatureValid);
        Assert.Equal("ringing", answer["CallStatus"]);
        Assert.Equal("inbound", answer["Direction"]);
        Assert.Equal(Caller, answer["From"]);
        Assert.Equal(Caller, answer["Caller"]);
        Assert.Equal(CallTrackingHarness.TwilioNumber, answer["To"]);
        Assert.Equal(CallTrackingHarness.TwilioNumber, answer["Called"]);
        Assert.Equal(parent.Sid, answer["CallSid"]);

        var child = Assert.Single(harness.Simulator.GetChildCalls(parent.Sid));
        var childStatus = harness.Receiver.At("/api/twilio/voice/status").Where(w => w["CallSid"] == child.Sid).ToList();
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], childStatus.Select(w => w["CallStatus"]));
        Assert.Equal([0, 1, 2, 3], childStatus.Select(w => w.Number("SequenceNumber")));
        Assert.All(childStatus, w =>
        {
            Assert.True(w.SignatureValid);
            Assert.Equal("outbound-dial", w["Direction"]);
            Assert.Equal(parent.Sid, w["ParentCallSid"]);
            Assert.Equal(Caller, w["From"]);
            Assert.Equal(CallTrackingHarness.DefaultForwardTo, w["To"]);
            Assert.Contains($"tenant={CallTrackingHarness.TenantId}", w.Url, StringComparison.Ordinal);
        });
        Assert.Equal(7, childStatus[^1].Number("CallDuration"));

        var dial = Assert.Single(harness.Receiver.At("/api/twilio/voice/dial-action"));
        Assert.True(dial.SignatureValid);
        Assert.Equal(parent.Sid, dial["CallSid"]);
        Assert.Equal("completed", dial["DialCallStatus"]);
        Assert.Equal(child.Sid, dial["DialCallSid"]);
        Assert.Equal(7, dial.Number("DialCallDuration"));
        Assert.Equal("true", dial["DialBridged"]);

        var recording = Assert.Single(harness.Receiver.At("/api/twilio/voice/recording"));
        Assert.True(recording.SignatureValid);
        Assert.Equal(parent.Sid, recording["CallSid"]);
        Assert.Equal("completed", recording["RecordingStatus"]);
        Assert.Equal(2, recording.Number("RecordingChannels"));
        Assert.Equal("DialVerb", recording["RecordingSource"]);
        Assert.Equal(9, recording.Number("RecordingDuration")); // record-from-ringing: 2 s ringing + 7 s talk

        // The number's own status callback (as set in the Console) hears the parent's end: greeting 3 s + ringing 2 s + talk 7 s.
        var end = Assert.Single(harness.Receiver.At("/api/twilio/voice/status"), w => w["CallSid"] == parent.Sid);
        Assert.True(end.SignatureValid);
        Assert.Equal("completed", end["CallStatus"]);
        Assert.Equal("inbound", end["Direction"]);
        Assert.Equal(12, end.Number("CallDuration"));
        Assert.DoesNotContain("?", end.Url, StringComparison.Ordinal);

        var done = harness.Simulator.GetCall(parent.Sid)!;
        Assert.Equal("completed", done.Status);
        Assert.Equal(12, done.DurationSeconds);
        Assert.Equal([recording["RecordingSid"]!], done.RecordingSids);
    }

    [Theory]
    [InlineData("+14155550001", "busy")]
    [InlineData("+14155550002", "no-answer")]
    [InlineData("+14155550003", "failed")]
    public async Task ForwardToUnansweredPhone_ReportsItInDialAction_AndTheRecordingIsAbsent(string forwardTo, string dialStatus)
    {
        await using var harness = await CallTrackingHarness.StartAsync(forwardTo: forwardTo);
        AnswerWithCoreTwiml(harness);

        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        var dial = Assert.Single(harness.Receiver.At("/api/twilio/voice/dial-action"));
        Assert.Equal(dialStatus, dial["DialCallStatus"]);
        Assert.Equal("false", dial["DialBridged"]);
        Assert.Equal(0, dial.Number("DialCallDuration"));
        var child = harness.Receiver.At("/api/twilio/voice/status").Where(w => w["ParentCallSid"] == parent.Sid).ToList();
        Assert.Equal(dialStatus, child[^1]["CallStatus"]);
        Assert.Equal("absent", Assert.Single(harness.Receiver.At("/api/twilio/voice/recording"))["RecordingStatus"]);
        Assert.Equal("completed", harness.Simulator.GetCall(parent.Sid)!.Status);
    }

    [Fact]
    public async Task DoNotRecord_SendsNoRecordingCallback()
    {
        await using var harness = await CallTrackingHarness.StartAsync(recordingMode: RecordingMode.DoNotRecord);
        AnswerWithCoreTwiml(harness);

        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Empty(harness.Receiver.At("/api/twilio/voice/recording"));
        Assert.Empty(harness.Simulator.GetCall(parent.Sid)!.RecordingSids);
    }

    [Theory]
    [InlineData("busy", "busy")]
    [InlineData("rejected", "no-answer")]
    public async Task RejectTwiml_EndsTheCallUnanswered(string reason, string status)
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.Receiver.Respond = w => Task.FromResult(
            w.Path.EndsWith("/answer", StringComparison.Ordinal) ? WebhookReceiver.Twiml($"<Response><Reject reason=\"{reason}\"/></Response>") : null);

        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        var done = await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal(status, done.Status);
        Assert.Null(done.AnsweredTime);
        Assert.Empty(harness.Simulator.GetChildCalls(parent.Sid));
        Assert.Equal(status, Assert.Single(harness.Receiver.At("/api/twilio/voice/status"))["CallStatus"]);
    }

    [Fact]
    public async Task AnswerWebhookFailing_EndsTheCallAfterTheApplicationErrorMessage()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.Receiver.Respond = w => Task.FromResult<IResult?>(Results.StatusCode(500));

        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        var done = await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal("completed", done.Status);
        Assert.Equal(3, done.DurationSeconds);
        Assert.Empty(harness.Simulator.GetChildCalls(parent.Sid));
        // The 500 is an answer: Twilio does not retry it; only a missing answer is retried.
        Assert.Single(harness.Simulator.Log.WebhooksFor(parent.Sid), w => w.Kind == Diagnostics.WebhookKind.Answer);
    }

    [Fact]
    public async Task CallerHangsUpWhileTalking_EndsBothLegs_AndTheDialActionIsStillRequested()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o =>
        {
            o.TimeScale = 0.001;
            o.MinTalkTime = o.MaxTalkTime = TimeSpan.FromDays(1);
        });
        AnswerWithCoreTwiml(harness);
        var parent = await harness.Simulator.SimulateInboundCallAsync(Caller, CallTrackingHarness.TwilioNumber);
        await SdkCalls.WebhookDelivered(harness.Simulator, w => w["Direction"] == "outbound-dial" && w["CallStatus"] == "in-progress");

        await harness.Simulator.HangUpAsync(parent.Sid);
        await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);

        var child = Assert.Single(harness.Simulator.GetChildCalls(parent.Sid));
        Assert.Equal("completed", child.Status);
        Assert.Equal("completed", Assert.Single(harness.Receiver.At("/api/twilio/voice/dial-action"))["DialCallStatus"]);
        Assert.Equal("completed", harness.Simulator.GetCall(parent.Sid)!.Status);
    }

    [Fact]
    public async Task ControlEndpoint_StartsAnInboundCall()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        AnswerWithCoreTwiml(harness);
        using var http = new HttpClient { BaseAddress = harness.Twilio.BaseUrl };

        using var response = await http.PostAsync("simulator/inbound-calls", new FormUrlEncodedContent([new("From", Caller), new("To", CallTrackingHarness.TwilioNumber)]));
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object?>>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sid = body!["sid"]!.ToString()!;
        Assert.True(TwilioSids.IsCallSid(sid));
        await harness.Simulator.WaitForCallAsync(sid).WaitAsync(SdkCalls.Patience);
        Assert.Equal(sid, Assert.Single(harness.Receiver.At("/api/twilio/voice/answer"))["CallSid"]);
    }

    [Fact]
    public async Task ControlEndpoint_ForANumberNobodyOwns_Answers404WithWhatToDo()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Twilio.BaseUrl };

        using var response = await http.PostAsJsonAsync("simulator/inbound-calls", new { from = Caller, to = "+19995550100" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("AddPhoneNumber", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The receiver answers like the core library: <see cref="InboundTwiml.Forward"/>, then an empty response to the Dial action.</summary>
    private static void AnswerWithCoreTwiml(CallTrackingHarness harness)
    {
        var options = new TwilioCallTrackingOptions { PublicBaseUrl = harness.Receiver.BaseUrl };
        var urls = CallbackUrls.For(harness.Configuration, options)!;
        harness.Receiver.Respond = w => Task.FromResult<IResult?>(w.Path switch
        {
            "/api/twilio/voice/answer" => WebhookReceiver.Twiml(
                InboundTwiml.Forward(InboundCallRequest.Parse(new TwilioRequestParameters(w.Parameters), out _)!, harness.Configuration, options, urls)),
            "/api/twilio/voice/dial-action" => WebhookReceiver.Twiml(InboundTwiml.Empty()),
            _ => null,
        });
    }
}
