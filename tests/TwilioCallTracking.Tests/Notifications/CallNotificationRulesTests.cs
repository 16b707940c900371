using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Notifications;

/// <summary>Which notifications Twilio's callbacks raise, read from the outbox as the store wrote them with each change.</summary>
public class CallNotificationRulesTests
{
    [Fact]
    public async Task OutboundFlow_RaisesEachKindOnce_InOrder()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await harness.OutboundCallAsync();

        var raised = await harness.Outbox().ListUndispatchedAsync(100);

        Assert.Equal(
            [CallNotificationTypes.Started, CallNotificationTypes.Ringing, CallNotificationTypes.Answered, CallNotificationTypes.Ended, CallNotificationTypes.RecordingReady],
            raised.Select(n => n.Type));
        Assert.All(raised, n => Assert.Equal((call.Id, TestTenants.A.TenantId, CallNotificationData.CurrentVersion), (n.CallId, n.TenantId, n.DataVersion)));
        Assert.Equal(raised.Count, raised.Select(n => n.Id).Distinct().Count());
        var ended = raised.Single(n => n.Type == CallNotificationTypes.Ended).GetData();
        Assert.Equal(("completed", 145, "outbound", NotificationHarness.Customer), (ended.Status, ended.DurationSeconds, ended.Direction, ended.AnsweredBy));
        Assert.Equal(call.TwilioCallSid, ended.CallSid);
        Assert.NotNull(ended.AnsweredAt);
        Assert.Null(ended.RecordingSid);
        Assert.Equal(144, raised.Single(n => n.Type == CallNotificationTypes.RecordingReady).GetData().RecordingDurationSeconds);
    }

    [Fact]
    public async Task RepeatedAndLateCallbacks_RaiseNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await harness.OutboundCallAsync();
        var before = (await harness.Outbox().ListUndispatchedAsync(100)).Count;

        await harness.StatusAsync(call.TwilioCallSid!, "completed", 3, call.Id, duration: 145);
        await harness.StatusAsync(call.TwilioCallSid!, "ringing", 1, call.Id);
        await harness.StatusAsync(call.TwilioCallSid!, "busy", 4, call.Id);

        Assert.Equal(before, (await harness.Outbox().ListUndispatchedAsync(100)).Count);
    }

    [Fact]
    public async Task CompletedBeforeInProgress_RaisesAnsweredAndEndedTogether()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = (await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer })).Call!;

        harness.Time.Advance(TimeSpan.FromSeconds(40));
        await harness.StatusAsync(call.TwilioCallSid!, "completed", 3, call.Id, duration: 30);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.StatusAsync(call.TwilioCallSid!, "in-progress", 2, call.Id);

        Assert.Equal(
            [CallNotificationTypes.Started, CallNotificationTypes.Answered, CallNotificationTypes.Ended],
            (await harness.Outbox().ListUndispatchedAsync(100)).Select(n => n.Type));
    }

    [Fact]
    public async Task CallToAContact_RaisesContactMatched()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var contact = harness.Contacts.Add(TestTenants.A.TenantId, NotificationHarness.Customer);

        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer, ContactId = contact });

        var raised = await harness.Outbox().ListUndispatchedAsync(100);
        Assert.Equal([CallNotificationTypes.Started, CallNotificationTypes.ContactMatched], raised.Select(n => n.Type));
        Assert.Equal(contact, raised[1].GetData().ContactId);
    }

    [Fact]
    public async Task InboundForward_ChildLegAnswerNamesTheRepsPhone()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var parentSid = TwilioPayloads.NewCallSid();
        var childSid = TwilioPayloads.NewCallSid();
        const string caller = "+12125550199";
        await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, parentSid, caller, TestTenants.A.PhoneNumber).AsParameters());
        foreach (var (status, seq) in new[] { ("ringing", 1), ("in-progress", 2) })
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await harness.Service.ApplyStatusCallbackAsync(
                TestTenants.A.TenantId,
                TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, childSid, status, seq, caller, TestTenants.A.ForwardToNumber, "outbound-dial", parentSid).AsParameters());
        }

        var raised = await harness.Outbox().ListUndispatchedAsync(100);
        var parent = raised.Where(n => n.GetData().CallSid == parentSid).Select(n => n.Type);
        var child = raised.Where(n => n.GetData().CallSid == childSid).ToList();
        Assert.Equal([CallNotificationTypes.Started, CallNotificationTypes.Ringing], parent);
        Assert.Equal([CallNotificationTypes.Started, CallNotificationTypes.Ringing, CallNotificationTypes.Answered], child.Select(n => n.Type));
        var answered = child[^1].GetData();
        Assert.Equal((parentSid, TestTenants.A.ForwardToNumber), (answered.ParentCallSid, answered.AnsweredBy));
    }

    [Fact]
    public async Task Data_IsCamelCaseJson_WithEveryFieldPresent()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.OutboundCallAsync();

        var data = (await harness.Outbox().ListUndispatchedAsync(1))[0].Data;

        using var json = System.Text.Json.JsonDocument.Parse(data);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("callId", names);
        Assert.Contains("answeredBy", names);
        Assert.Contains("recordingSid", names);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("recordingSid").ValueKind);
        Assert.DoesNotContain("recordingUrl", names);
    }
}
