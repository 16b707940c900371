using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Services;

public class OutboundCallTests
{
    [Fact]
    public async Task StartOutboundCall_SendsTwilioExactlyTheCreateCallForm()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var contact = harness.Contacts.Add(TestTenants.A.TenantId, "+14155550100");

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100", ContactId = contact, UserId = "user-1" });

        Assert.True(result.Succeeded);
        var request = Assert.Single(harness.Twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TestTenants.A.AccountSid}/Calls.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestTenants.A.AccountSid}:{TestTenants.A.AuthToken}")), request.Authorization);
        Assert.Equal("+14155550100", request["To"]);
        Assert.Equal(TestTenants.A.PhoneNumber, request["From"]);
        Assert.Equal($"https://crm.example.com/api/twilio/voice/status?tenant={TestTenants.A.TenantId}&call={result.Call!.Id:N}", request["StatusCallback"]);
        Assert.Equal("POST", request["StatusCallbackMethod"]);
        // Each event is its own repeated field (space-separated values leave calls stuck).
        Assert.Equal(["initiated", "ringing", "answered", "completed"], request.All("StatusCallbackEvent"));
        Assert.Equal("true", request["Record"]);
        Assert.Equal($"https://crm.example.com/api/twilio/voice/recording?tenant={TestTenants.A.TenantId}&call={result.Call.Id:N}", request["RecordingStatusCallback"]);
        Assert.Equal(["completed", "absent"], request.All("RecordingStatusCallbackEvent"));
        Assert.Contains($"<Number>{TestTenants.A.ForwardToNumber}</Number>", request["Twiml"], StringComparison.Ordinal);
        Assert.Contains($"callerId=\"{TestTenants.A.PhoneNumber}\"", request["Twiml"], StringComparison.Ordinal);
        Assert.Null(request["Url"]);

        var call = result.Call;
        Assert.True(TwilioSids.IsCallSid(call.TwilioCallSid));
        Assert.Equal(CallStatus.Queued, call.Status);
        Assert.Equal(CallDirection.Outbound, call.Direction);
        Assert.Equal("outbound-api", call.TwilioDirection);
        Assert.Equal(contact, call.ContactId);
        Assert.Equal("user-1", call.UserId);
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id);
        Assert.Equal([CallEventTypes.OutboundRequested, CallEventTypes.OutboundAccepted], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task RecordFalse_SendsNoRecordingFields()
    {
        await using var harness = await ServiceHarness.StartAsync();

        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100", Record = false });

        var request = Assert.Single(harness.Twilio.Requests);
        Assert.Null(request["Record"]);
        Assert.Null(request["RecordingStatusCallback"]);
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+0155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+1234567890123456")]
    [InlineData("")]
    public async Task InvalidNumber_IsRefusedBeforeAnythingIsWrittenOrSent(string to)
    {
        await using var harness = await ServiceHarness.StartAsync();

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = to });

        Assert.Equal(StartCallErrorKind.InvalidNumber, result.Error!.Kind);
        Assert.Equal("to", result.Error.Field);
        Assert.Null(result.Call);
        Assert.Empty(harness.Twilio.Requests);
        Assert.Empty(await harness.Calls.ListAsync(TestTenants.A.TenantId, new()));
    }

    [Fact]
    public async Task AnotherTenantsContact_IsRefusedBeforeAnythingIsWrittenOrSent()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var theirs = harness.Contacts.Add(TestTenants.B.TenantId, "+14155550100");

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100", ContactId = theirs });

        Assert.Equal((StartCallErrorKind.UnknownContact, "contactId"), (result.Error!.Kind, result.Error.Field));
        Assert.Null(result.Call);
        Assert.Empty(harness.Twilio.Requests);
        Assert.Empty(await harness.Calls.ListAsync(TestTenants.A.TenantId, new()));
    }

    [Fact]
    public async Task TenantWithoutConfiguration_IsToldTwilioIsNotConfigured()
    {
        await using var harness = await ServiceHarness.StartAsync();

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.C.TenantId, To = "+14155550100" });

        Assert.Equal(StartCallErrorKind.NotConfigured, result.Error!.Kind);
        Assert.Contains("Twilio is not configured for tenant 'tenant-c'", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Twilio.Requests);
        Assert.Empty(await harness.Calls.ListAsync(TestTenants.C.TenantId, new()));
    }

    [Theory]
    [InlineData(400, 21211, "The 'To' number +15005550001 is not a valid phone number.")]
    [InlineData(401, 20003, "Authenticate")]
    [InlineData(400, 21210, "The source phone number provided, +18005550100, is not yet verified for your account.")]
    [InlineData(429, 20429, "Too Many Requests")]
    [InlineData(404, 20404, "The requested resource was not found")]
    public async Task TwilioRefusal_MarksTheCallFailedWithTwilioCode_AndNeverRetries(int httpStatus, int code, string message)
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Twilio.Responder = _ => FakeTwilioResponse.Error(httpStatus, code, message);

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+15005550001" });

        Assert.Equal(StartCallErrorKind.TwilioRejected, result.Error!.Kind);
        Assert.Equal(code, result.Error.TwilioErrorCode);
        Assert.Equal(httpStatus, result.Error.TwilioHttpStatus);
        Assert.Equal(message, result.Error.Message);
        Assert.Single(harness.Twilio.Requests);
        var stored = await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, result.Call!.Id);
        Assert.Equal(CallStatus.Failed, stored!.Status);
        Assert.Equal(code, stored.ErrorCode);
        Assert.Equal(message, stored.ErrorMessage);
        Assert.Null(stored.TwilioCallSid);
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, stored.Id);
        Assert.Equal([CallEventTypes.OutboundRequested, CallEventTypes.OutboundRejected], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task CreateAnswerAfterTheTimeout_LeavesTheCallQueued_AndItsCallbacksSettleIt()
    {
        await using var harness = await ServiceHarness.StartAsync(services =>
            services.AddHttpClient(TwilioClientFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(1)));
        var sid = TwilioPayloads.NewCallSid();
        // Twilio places the call, but its 201 arrives after the client gave up.
        harness.Twilio.Responder = _ => new FakeTwilioResponse(201, $$"""{"sid":"{{sid}}","status":"queued","direction":"outbound-api"}""", Delay: TimeSpan.FromSeconds(30));

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100" });

        Assert.Equal(StartCallErrorKind.TwilioOutcomeUnknown, result.Error!.Kind);
        Assert.Contains("may or may not be ringing", result.Error.Message, StringComparison.Ordinal);
        var unknown = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, result.Call!.Id))!;
        Assert.Equal((CallStatus.Queued, (string?)null, (string?)null), (unknown.Status, unknown.TwilioCallSid, unknown.ErrorMessage));

        // Twilio's callbacks carry our call id in their URL: the first one attaches the SID, the rest move the call on.
        foreach (var (status, sequence, duration) in new[] { ("ringing", 1, (int?)null), ("in-progress", 2, null), ("completed", 3, 42) })
        {
            var applied = await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId,
                TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, status, sequence, TestTenants.A.PhoneNumber, "+14155550100", callDuration: duration).AsParameters(), unknown.Id);
            Assert.Equal(WebhookOutcome.Applied, applied.Outcome);
        }

        var settled = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, unknown.Id))!;
        Assert.Equal((CallStatus.Completed, sid, 42, (int?)null), (settled.Status, settled.TwilioCallSid, settled.DurationSeconds, settled.ErrorCode));
        Assert.NotNull(settled.AnsweredAt);
        Assert.Single(harness.Twilio.Requests);
        Assert.Single(await harness.Calls.ListAsync(TestTenants.A.TenantId, new()));
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, unknown.Id);
        Assert.Equal([CallEventTypes.OutboundRequested, CallEventTypes.OutboundOutcomeUnknown, "ringing", "in-progress", "completed"], events.Select(e => e.EventType));
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    public async Task TwilioServerError_LeavesTheOutcomeUnknown_AndNeverRetries(int httpStatus, int code)
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Twilio.Responder = _ => FakeTwilioResponse.Error(httpStatus, code, "Internal Server Error");

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100" });

        Assert.Equal(StartCallErrorKind.TwilioOutcomeUnknown, result.Error!.Kind);
        Assert.Equal(httpStatus, result.Error.TwilioHttpStatus);
        Assert.Single(harness.Twilio.Requests);
        Assert.Equal(CallStatus.Queued, (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, result.Call!.Id))!.Status);
    }

    [Fact]
    public async Task ConnectionRefused_FailsTheCallAtOnce_BecauseNothingWasSent()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var harness = await ServiceHarness.StartAsync(services =>
            services.Configure<TwilioCallTrackingOptions>(o => o.TwilioApiBaseUrl = new Uri($"http://127.0.0.1:{port}")));

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100" });

        Assert.Equal(StartCallErrorKind.TwilioUnavailable, result.Error!.Kind);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, result.Call!.Id))!;
        Assert.Equal(CallStatus.Failed, stored.Status);
        Assert.Contains("never sent", stored.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingNotice_IsSaidToTheCallee_BeforeTheyAreConnected_OnlyWhenRecorded()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, TestTenants.A.Settings with { RecordingNotice = "  This call is recorded.  " });

        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100" });
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100", Record = false });

        var twiml = harness.Twilio.Requests.Select(r => System.Xml.Linq.XDocument.Parse(r["Twiml"]!).Root!).ToList();
        Assert.Equal(["Say", "Dial"], twiml[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("This call is recorded.", twiml[0].Element("Say")!.Value);
        Assert.Equal(["Dial"], twiml[1].Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task StatusCallbackThatBeatsTheRestResponse_IsAppliedToTheRightCall()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        harness.Twilio.Responder = request =>
        {
            // Twilio reports 'initiated' before the SDK has read the 201: the callback finds the row by the URL's call id.
            var callId = Guid.Parse(request["StatusCallback"]!.Split("call=")[1]);
            var callback = TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, "initiated", 0, TestTenants.A.PhoneNumber, "+14155550100").AsParameters();
            var applied = harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, callback, callId).GetAwaiter().GetResult();
            Assert.Equal(WebhookOutcome.Applied, applied.Outcome);
            return new FakeTwilioResponse(201, $$"""{"sid":"{{sid}}","status":"queued","direction":"outbound-api"}""");
        };

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = "+14155550100" });

        Assert.True(result.Succeeded);
        Assert.Equal(sid, result.Call!.TwilioCallSid);
        Assert.Equal(CallStatus.Initiated, result.Call.Status);
        var all = await harness.Calls.ListAsync(TestTenants.A.TenantId, new());
        Assert.Single(all);
    }
}
