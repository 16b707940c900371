using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Services;

public class WebhookTests
{
    private const string Customer = "+14155550100";

    [Fact]
    public async Task SeedOutboundFlow_QueuedToCompletedWithRecording()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = (await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer })).Call!;
        var sid = call.TwilioCallSid!;

        await Status(harness, sid, "initiated", 0, call.Id);
        await Status(harness, sid, "ringing", 1, call.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await Status(harness, sid, "in-progress", 2, call.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(145));
        await Status(harness, sid, "completed", 3, call.Id, duration: 145);
        var recording = await harness.Service.ApplyRecordingCallbackAsync(
            TestTenants.A.TenantId, TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('c', 32), duration: 144, channels: 1, source: "OutboundAPI").AsParameters(), call.Id);

        Assert.Equal(WebhookOutcome.Applied, recording.Outcome);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal(CallStatus.Completed, stored.Status);
        Assert.Equal(145, stored.DurationSeconds);
        Assert.NotNull(stored.AnsweredAt);
        Assert.NotNull(stored.EndedAt);
        Assert.Equal("RE" + new string('c', 32), stored.RecordingSid);
        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{TestTenants.A.AccountSid}/Recordings/RE{new string('c', 32)}", stored.RecordingUrl);
        Assert.Equal(144, stored.RecordingDurationSeconds);
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id);
        Assert.Equal(
            [CallEventTypes.OutboundRequested, CallEventTypes.OutboundAccepted, "initiated", "ringing", "in-progress", "completed", "recording-completed"],
            events.Select(e => e.EventType));
        Assert.Contains("\"CallbackSource\":\"call-progress-events\"", events[5].EventData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedInboundFlow_AnswerForwardsAndTracksChildLegDialAndRecording()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var parentSid = TwilioPayloads.NewCallSid();
        var childSid = TwilioPayloads.NewCallSid();
        const string caller = "+12125550199";

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, parentSid, caller, TestTenants.A.PhoneNumber).AsParameters());

        Assert.Equal(WebhookOutcome.Applied, answer.Outcome);
        Assert.Contains("<Say>Thank you for calling. Connecting you now.</Say>", answer.Twiml, StringComparison.Ordinal);
        Assert.Contains("record=\"record-from-ringing-dual\"", answer.Twiml, StringComparison.Ordinal);
        Assert.Contains($"callerId=\"{caller}\"", answer.Twiml, StringComparison.Ordinal);
        Assert.Contains($">{TestTenants.A.ForwardToNumber}</Number>", answer.Twiml, StringComparison.Ordinal);
        var parent = answer.Call!;
        Assert.Equal(CallDirection.Inbound, parent.Direction);
        Assert.Equal(CallStatus.Ringing, parent.Status);
        Assert.Equal(caller, parent.From);

        foreach (var (status, seq) in new[] { ("initiated", 0), ("ringing", 1), ("in-progress", 2) })
        {
            await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, childSid, status, seq, caller, TestTenants.A.ForwardToNumber, "outbound-dial", parentSid).AsParameters());
        }

        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, childSid, "completed", 3, caller, TestTenants.A.ForwardToNumber, "outbound-dial", parentSid, callDuration: 61).AsParameters());
        var dial = await harness.Service.ApplyDialActionAsync(TestTenants.A.TenantId, TwilioPayloads.DialAction(TestTenants.A.AccountSid, parentSid, childSid, "completed", 61, caller, TestTenants.A.PhoneNumber).AsParameters());
        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, parentSid, "completed", 1, caller, TestTenants.A.PhoneNumber, "inbound", callDuration: 70).AsParameters());
        await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, parentSid, "RE" + new string('d', 32), duration: 61).AsParameters());

        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response></Response>", dial.Twiml!.ReplaceLineEndings(string.Empty));
        var storedParent = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, parentSid))!;
        Assert.Equal(CallStatus.Completed, storedParent.Status);
        Assert.Equal(70, storedParent.DurationSeconds);
        Assert.Equal("completed", storedParent.DialCallStatus);
        Assert.Equal("RE" + new string('d', 32), storedParent.RecordingSid);
        var child = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, childSid))!;
        Assert.Equal(parentSid, child.ParentCallSid);
        Assert.Equal("outbound-dial", child.TwilioDirection);
        Assert.Equal(CallDirection.Outbound, child.Direction);
        Assert.Equal(CallStatus.Completed, child.Status);
        Assert.Equal(61, child.DurationSeconds);
        // The recent-calls list shows the inbound call, not its forwarded leg.
        var listed = await harness.Calls.ListAsync(TestTenants.A.TenantId, new());
        Assert.Equal([storedParent.Id], listed.Select(c => c.Id));
    }

    [Fact]
    public async Task AnswerRetriedByTwilio_ReturnsTheSameTwimlAndStoresOneCall()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        var parameters = TwilioPayloads.InboundCall(TestTenants.A.AccountSid, sid, "+12125550199", TestTenants.A.PhoneNumber).AsParameters();

        var first = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, parameters);
        var second = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, parameters);

        Assert.Equal(WebhookOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.Twiml, second.Twiml);
        Assert.Single(await harness.Calls.ListAsync(TestTenants.A.TenantId, new()));
        Assert.Single(await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, first.Call!.Id));
    }

    [Fact]
    public async Task TenantWithoutForwardNumber_HearsTheUnavailableMessage()
    {
        await using var harness = await ServiceHarness.StartAsync();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.B.TenantId, TwilioPayloads.InboundCall(TestTenants.B.AccountSid, TwilioPayloads.NewCallSid(), "+12125550199", TestTenants.B.PhoneNumber).AsParameters());

        Assert.Contains("<Hangup", answer.Twiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Dial", answer.Twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateDelivery_AddsNoSecondEvent()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        var first = await Status(harness, sid, "ringing", 1);

        var again = await Status(harness, sid, "ringing", 1);

        Assert.Equal(WebhookOutcome.Applied, first.Outcome);
        Assert.Equal(WebhookOutcome.Duplicate, again.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Single(await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id));
    }

    [Fact]
    public async Task DuplicateWithoutSequenceNumber_IsRecognisedByItsPayload()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        var payload = TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, "ringing", 1, TestTenants.A.PhoneNumber, Customer).Where(p => p.Key != "SequenceNumber").AsParameters();

        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, payload);
        var again = await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, payload);

        Assert.Equal(WebhookOutcome.Duplicate, again.Outcome);
    }

    [Fact]
    public async Task LateCallback_IsKeptAsAnEvent_WithoutMovingTheStatusBack()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        await Status(harness, sid, "completed", 3, duration: 30);

        var late = await Status(harness, sid, "ringing", 1);

        Assert.Equal(WebhookOutcome.OutOfOrder, late.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(["completed", "ringing"], (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Select(e => e.EventType));
    }

    [Fact]
    public async Task StatusTwilioNeverSends_IsKeptAsAnEvent_AndChangesNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        await Status(harness, sid, "ringing", 1);

        var odd = await Status(harness, sid, "teleported", 2);

        Assert.Equal(WebhookOutcome.Applied, odd.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Equal(CallStatus.Ringing, call.Status);
        Assert.Equal(["ringing", "teleported"], (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Select(e => e.EventType));
    }

    [Theory]
    [InlineData("CallSid", null)]
    [InlineData("CallSid", "CA123")]
    [InlineData("CallSid", "XX0123456789abcdef0123456789abcdef")]
    [InlineData("From", null)]
    [InlineData("To", null)]
    [InlineData("CallStatus", null)]
    [InlineData("ParentCallSid", "not-a-sid")]
    public async Task InvalidStatusCallback_IsRejected_AndWritesNothing(string parameter, string? value)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var payload = TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "ringing", 1, TestTenants.A.PhoneNumber, Customer)
            .Where(p => p.Key != parameter).ToList();
        if (value is not null)
        {
            payload.Add(new(parameter, value));
        }

        var result = await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, payload.AsParameters());

        Assert.Equal(WebhookOutcome.Invalid, result.Outcome);
        Assert.Contains(parameter, result.Errors!.Errors.Keys);
        Assert.Empty(await harness.Calls.ListAsync(TestTenants.A.TenantId, new() { IncludeChildLegs = true }));
    }

    [Theory]
    [InlineData("RecordingSid", null)]
    [InlineData("RecordingUrl", null)]
    [InlineData("RecordingUrl", "not a url")]
    [InlineData("RecordingStatus", "exploded")]
    [InlineData("CallSid", null)]
    public async Task InvalidRecordingCallback_IsRejected_AndWritesNothing(string parameter, string? value)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        await Status(harness, sid, "completed", 3, duration: 5);
        var payload = TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('e', 32)).Where(p => p.Key != parameter).ToList();
        if (value is not null)
        {
            payload.Add(new(parameter, value));
        }

        var result = await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, payload.AsParameters());

        Assert.Equal(WebhookOutcome.Invalid, result.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Null(call.RecordingSid);
        Assert.Single(await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id));
    }

    [Fact]
    public async Task AbsentRecording_IsLoggedWithoutARecording()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        await Status(harness, sid, "no-answer", 3, duration: 0);

        var result = await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('f', 32), status: "absent").AsParameters());

        Assert.Equal(WebhookOutcome.Applied, result.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Null(call.RecordingSid);
        Assert.Equal(["no-answer", "recording-absent"], (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Select(e => e.EventType));
    }

    [Fact]
    public async Task OtherTenantsWebhook_CannotTouchACall()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        await Status(harness, sid, "ringing", 1);

        var status = await harness.Service.ApplyStatusCallbackAsync(TestTenants.B.TenantId, TwilioPayloads.StatusCallback(TestTenants.B.AccountSid, sid, "completed", 2, TestTenants.A.PhoneNumber, Customer, callDuration: 9).AsParameters());
        var recording = await harness.Service.ApplyRecordingCallbackAsync(TestTenants.B.TenantId, TwilioPayloads.RecordingCallback(TestTenants.B.AccountSid, sid, "RE" + new string('0', 32)).AsParameters());

        Assert.Equal(WebhookOutcome.UnknownCall, status.Outcome);
        Assert.Equal(WebhookOutcome.UnknownCall, recording.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Equal(CallStatus.Ringing, call.Status);
        Assert.Null(call.RecordingSid);
        Assert.Null(await harness.Calls.FindBySidAsync(TestTenants.B.TenantId, sid));
        Assert.Empty(await harness.Calls.ListAsync(TestTenants.B.TenantId, new() { IncludeChildLegs = true }));
    }

    [Fact]
    public async Task RecordingBeforeTheCallIsKnown_IsKept_AndTheLaterStatusFillsInTheCall()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        var recording = TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('1', 32), duration: 33).AsParameters();

        var early = await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, recording);
        var again = await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, recording);
        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, "completed", 2, "+12125550199", TestTenants.A.PhoneNumber, "inbound", callDuration: 40).AsParameters());

        Assert.Equal(WebhookOutcome.Applied, early.Outcome);
        Assert.Equal(WebhookOutcome.Duplicate, again.Outcome);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Equal("RE" + new string('1', 32), call.RecordingSid);
        Assert.Equal(33, call.RecordingDurationSeconds);
        Assert.Equal("+12125550199", call.From);
        Assert.Equal(TestTenants.A.PhoneNumber, call.To);
        Assert.Equal(CallDirection.Inbound, call.Direction);
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(["recording-completed", "completed"], (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Select(e => e.EventType));
    }

    [Fact]
    public async Task ManyParallelCallbacksOnOneCall_LoseNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = (await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer })).Call!;
        var sid = call.TwilioCallSid!;
        var deliveries = new List<Func<Task<WebhookResult>>>();
        var statuses = new[] { ("initiated", 0, (int?)null), ("ringing", 1, null), ("in-progress", 2, null), ("completed", 3, 77) };
        for (var copy = 0; copy < 10; copy++)
        {
            foreach (var (status, seq, duration) in statuses)
            {
                deliveries.Add(() => harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, status, seq, TestTenants.A.PhoneNumber, Customer, callDuration: duration).AsParameters(), call.Id));
            }

            deliveries.Add(() => harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('9', 32), duration: 76).AsParameters(), call.Id));
        }

        var random = new Random(7);
        var results = await Task.WhenAll(deliveries.OrderBy(_ => random.Next()).Select(d => Task.Run(d)));

        Assert.Equal(5, results.Count(r => r.Outcome is WebhookOutcome.Applied or WebhookOutcome.OutOfOrder));
        Assert.Equal(45, results.Count(r => r.Outcome == WebhookOutcome.Duplicate));
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal(CallStatus.Completed, stored.Status);
        Assert.Equal(77, stored.DurationSeconds);
        Assert.Equal("RE" + new string('9', 32), stored.RecordingSid);
        Assert.NotNull(stored.AnsweredAt);
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id);
        Assert.Equal(7, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.DeduplicationKey).Distinct().Count());
    }

    private static Task<WebhookResult> Status(ServiceHarness harness, string sid, string status, int seq, Guid? callId = null, int? duration = null) =>
        harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, status, seq, TestTenants.A.PhoneNumber, Customer, callDuration: duration).AsParameters(), callId);
}
