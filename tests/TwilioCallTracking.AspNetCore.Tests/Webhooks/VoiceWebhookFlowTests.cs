using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// The seed's two call flows through the real HTTP pipeline, in memory (TestServer, behind a public HTTPS URL) and
/// over a real Kestrel socket on loopback (plain HTTP with a port, no public base URL configured). Each webhook is
/// posted to the URL this library gave Twilio (read back from the fake Twilio's recorded REST request, or from the
/// answer's TwiML), with the parameters Twilio posts, signed as Twilio signs them.
/// </summary>
public sealed class VoiceWebhookFlowTests
{
    private static readonly Uri PublicBaseUrl = new("https://crm.example.com");

    public static TheoryData<bool> Transports => new() { false, true };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task OutboundCall_QueuedRingingInProgressCompleted_ThenRecording_IsTracked(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);
        var tenant = TestTenants.A;
        // Outbound callbacks need a public base URL: over Kestrel, the tenant's own is the loopback address.
        await app.AddTenantAsync(tenant, kestrel ? app.Client.BaseAddress : null);
        var contactId = app.Contacts.Add(tenant.TenantId, "+14155550100");

        var started = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, "user-7", new { to = "+14155550100", contactId, record = true });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("queued", body.GetProperty("status").GetString());
        var callSid = body.GetProperty("callSid").GetString()!;
        var callId = body.GetProperty("callId").GetGuid();
        Assert.Equal($"/api/calls/{callId}", started.Headers.Location?.ToString());

        var create = Assert.Single(app.Twilio.Requests);
        Assert.EndsWith($"/Accounts/{tenant.AccountSid}/Calls.json", create.Path, StringComparison.Ordinal);
        Assert.Equal(["initiated", "ringing", "answered", "completed"], create.All("StatusCallbackEvent"));
        var statusUrl = create["StatusCallback"]!;
        var recordingUrl = create["RecordingStatusCallback"]!;
        Assert.StartsWith(PublicUrl(app, "/api/twilio/voice/status?tenant=tenant-a&call="), statusUrl, StringComparison.Ordinal);

        var sequence = 0;
        foreach (var status in new[] { "initiated", "ringing", "in-progress" })
        {
            var callback = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, status, sequence++, tenant.PhoneNumber, "+14155550100");
            Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(statusUrl, callback, tenant.AuthToken)).StatusCode);
        }

        var completed = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "completed", sequence, tenant.PhoneNumber, "+14155550100", callDuration: 145);
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(statusUrl, completed, tenant.AuthToken)).StatusCode);
        var recordingSid = TwilioPayloads.NewSid("RE");
        var recording = TwilioPayloads.RecordingCallback(tenant.AccountSid, callSid, recordingSid, duration: 140, channels: 1, source: "OutboundAPI");
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(recordingUrl, recording, tenant.AuthToken)).StatusCode);

        var details = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}", tenant.TenantId);
        var json = await details.Content.ReadAsStringAsync();
        var call = JsonDocument.Parse(json).RootElement.GetProperty("call");
        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.Equal("outbound", call.GetProperty("direction").GetString());
        Assert.Equal(145, call.GetProperty("durationSeconds").GetInt32());
        Assert.True(call.GetProperty("hasRecording").GetBoolean());
        Assert.Equal(recordingSid, call.GetProperty("recordingSid").GetString());
        Assert.Equal(140, call.GetProperty("recordingDurationSeconds").GetInt32());
        Assert.Equal(contactId, call.GetProperty("contactId").GetGuid());
        Assert.Equal("user-7", call.GetProperty("userId").GetString());
        var events = JsonDocument.Parse(json).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["outbound-requested", "outbound-accepted", "initiated", "ringing", "in-progress", "completed", "recording-completed"], events);
        Assert.DoesNotContain($"Recordings/{recordingSid}", json, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.AuthToken, json, StringComparison.Ordinal);
        // Nothing on the webhook path called Twilio's REST API: the one request is the call's creation.
        Assert.Single(app.Twilio.Requests);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task InboundCall_AnswerForwardsRecorded_ChildLegStatuses_DialAction_Recording_AreTracked(bool kestrel)
    {
        await using var app = await StartAsync(kestrel);
        var tenant = TestTenants.A;
        await app.AddTenantAsync(tenant);
        const string caller = "+14155550123";
        var parentSid = TwilioPayloads.NewCallSid();

        // As configured in the Twilio Console for the number: the answer URL and a status callback, no query.
        var answer = await app.PostWebhookAsync(PublicUrl(app, "/api/twilio/voice/answer"),
            TwilioPayloads.InboundCall(tenant.AccountSid, parentSid, caller, tenant.PhoneNumber), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/xml", answer.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await answer.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", twiml.Name.LocalName);
        Assert.NotNull(twiml.Element("Say"));
        var dial = twiml.Element("Dial")!;
        Assert.Equal("record-from-ringing-dual", dial.Attribute("record")?.Value);
        Assert.Equal(caller, dial.Attribute("callerId")?.Value);
        var number = dial.Element("Number")!;
        Assert.Equal(tenant.ForwardToNumber, number.Value);
        var childStatusUrl = number.Attribute("statusCallback")!.Value;
        var dialActionUrl = dial.Attribute("action")!.Value;
        var recordingUrl = dial.Attribute("recordingStatusCallback")!.Value;
        Assert.StartsWith(PublicUrl(app, "/api/twilio/voice/status?tenant=tenant-a"), childStatusUrl, StringComparison.Ordinal);

        var childSid = TwilioPayloads.NewCallSid();
        var sequence = 0;
        foreach (var status in new[] { "initiated", "ringing", "in-progress" })
        {
            var legStatus = TwilioPayloads.StatusCallback(tenant.AccountSid, childSid, status, sequence++, caller, tenant.ForwardToNumber, "outbound-dial", parentSid);
            Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(childStatusUrl, legStatus, tenant.AuthToken)).StatusCode);
        }

        var legDone = TwilioPayloads.StatusCallback(tenant.AccountSid, childSid, "completed", sequence, caller, tenant.ForwardToNumber, "outbound-dial", parentSid, callDuration: 61);
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(childStatusUrl, legDone, tenant.AuthToken)).StatusCode);

        var action = await app.PostWebhookAsync(dialActionUrl,
            TwilioPayloads.DialAction(tenant.AccountSid, parentSid, childSid, "completed", 61, caller, tenant.PhoneNumber), tenant.AuthToken);
        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        Assert.Equal("Response", XDocument.Parse(await action.Content.ReadAsStringAsync()).Root!.Name.LocalName);

        var parentDone = TwilioPayloads.StatusCallback(tenant.AccountSid, parentSid, "completed", 0, caller, tenant.PhoneNumber, "inbound", callDuration: 70);
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(PublicUrl(app, "/api/twilio/voice/status"), parentDone, tenant.AuthToken)).StatusCode);

        var recordingSid = TwilioPayloads.NewSid("RE");
        Assert.Equal(HttpStatusCode.NoContent,
            (await app.PostWebhookAsync(recordingUrl, TwilioPayloads.RecordingCallback(tenant.AccountSid, parentSid, recordingSid, duration: 60), tenant.AuthToken)).StatusCode);

        var list = await (await app.ApiAsync(HttpMethod.Get, "/api/calls", tenant.TenantId)).Content.ReadFromJsonAsync<JsonElement>();
        var inbound = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(parentSid, inbound.GetProperty("callSid").GetString());
        Assert.Equal("inbound", inbound.GetProperty("direction").GetString());
        Assert.Equal(caller, inbound.GetProperty("from").GetString());
        Assert.Equal("completed", inbound.GetProperty("status").GetString());
        Assert.Equal(70, inbound.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("completed", inbound.GetProperty("dialCallStatus").GetString());
        Assert.True(inbound.GetProperty("hasRecording").GetBoolean());

        var withLegs = await (await app.ApiAsync(HttpMethod.Get, "/api/calls?includeChildLegs=true", tenant.TenantId)).Content.ReadFromJsonAsync<JsonElement>();
        var leg = withLegs.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("callSid").GetString() == childSid);
        Assert.Equal(parentSid, leg.GetProperty("parentCallSid").GetString());
        Assert.Equal("outbound-dial", leg.GetProperty("twilioDirection").GetString());
        Assert.Equal("completed", leg.GetProperty("status").GetString());
        Assert.Equal(61, leg.GetProperty("durationSeconds").GetInt32());
        Assert.Empty(app.Twilio.Requests);
    }

    [Fact]
    public async Task AnswerRetriedByTwilio_GivesTheSameTwiml_AndOneCall()
    {
        await using var app = await TestApp.StartAsync(o => o.PublicBaseUrl = PublicBaseUrl);
        var tenant = TestTenants.A;
        await app.AddTenantAsync(tenant);
        var form = TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550123", tenant.PhoneNumber);

        var first = await app.PostWebhookAsync("https://crm.example.com/api/twilio/voice/answer", form, tenant.AuthToken);
        var second = await app.PostWebhookAsync("https://crm.example.com/api/twilio/voice/answer", form, tenant.AuthToken);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
    }

    private static Task<TestApp> StartAsync(bool kestrel) => TestApp.StartAsync(o =>
    {
        o.UseKestrel = kestrel;
        o.PublicBaseUrl = kestrel ? null : PublicBaseUrl;
    });

    // The URL Twilio is configured with: the public HTTPS URL, or over Kestrel the loopback address with its port.
    private static string PublicUrl(TestApp app, string pathAndQuery) =>
        app.Client.BaseAddress!.Host == "localhost" ? PublicBaseUrl.GetLeftPart(UriPartial.Authority) + pathAndQuery : app.Url(pathAndQuery);
}
