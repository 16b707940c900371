using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>Bad input gets a clear 4xx and writes nothing; odd but real traffic (duplicates, unknown statuses) is kept.</summary>
public sealed class WebhookBadInputTests
{
    private const string StatusPath = "/api/twilio/voice/status?tenant=tenant-a";

    [Theory]
    [InlineData("CallSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task StatusCallbackWithoutARequiredParameter_Is400NamingIt_AndWritesNothing(string missing)
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant, TwilioPayloads.NewCallSid()).Where(p => p.Key != missing).ToList();

        var response = await app.PostWebhookAsync(StatusPath, form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(missing, out _));
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Theory]
    [InlineData("CallSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task AnswerWithoutARequiredParameter_Is400_AndWritesNothing(string missing)
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Inbound(tenant).Where(p => p.Key != missing).ToList();

        var response = await app.PostWebhookAsync("/api/twilio/voice/answer", form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Theory]
    [InlineData("CA123")]
    [InlineData("XX0123456789abcdef0123456789abcdef")]
    [InlineData("CA0123456789abcdef0123456789abcdeg")]
    public async Task CallSidNotOfTwilioShape_Is400_AndWritesNothing(string callSid)
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync(StatusPath, Status(tenant, callSid), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task StatusTwilioNeverSends_IsKeptAsAnEvent_WithoutChangingTheCall()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var callSid = TwilioPayloads.NewCallSid();
        await app.PostWebhookAsync(StatusPath, Status(tenant, callSid, "ringing", 1), tenant.AuthToken);

        var response = await app.PostWebhookAsync(StatusPath, Status(tenant, callSid, "teleported", 2), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var store = app.Services.GetRequiredService<ICallStore>();
        var call = (await store.FindBySidAsync(tenant.TenantId, callSid))!;
        Assert.Equal(TwilioCallTracking.CallStatus.Ringing, call.Status);
        Assert.Contains(await store.ListEventsAsync(tenant.TenantId, call.Id), e => e.EventType == "teleported");
    }

    [Fact]
    public async Task CallToANumberNoTenantOwns_IsRejectedWithTwiml_AndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550123", "+18005559999");

        var response = await app.PostWebhookAsync("/api/twilio/voice/answer", form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.NotNull(twiml.Element("Reject"));
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task CallbackNamingATenantWithoutConfiguration_Is403LikeAnyUnsignedWebhook_AndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync("/api/twilio/voice/status?tenant=tenant-gone", Status(tenant, TwilioPayloads.NewCallSid()), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId, "tenant-gone"));
    }

    [Fact]
    public async Task RecordingForAnotherTenantsCall_Is404_AndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var other = TestTenants.B;
        await app.AddTenantAsync(other);
        var otherCall = TwilioPayloads.NewCallSid();
        var inbound = TwilioPayloads.InboundCall(other.AccountSid, otherCall, "+14155550123", other.PhoneNumber);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync("/api/twilio/voice/answer", inbound, other.AuthToken)).StatusCode);
        var before = await app.CountAsync(tenant.TenantId, other.TenantId);
        var form = TwilioPayloads.RecordingCallback(tenant.AccountSid, otherCall, TwilioPayloads.NewSid("RE"));

        var response = await app.PostWebhookAsync("/api/twilio/voice/recording?tenant=tenant-a", form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await app.CountAsync(tenant.TenantId, other.TenantId));
    }

    [Fact]
    public async Task RecordingBeforeItsCallIsKnown_IsKept_NotRefused()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = TwilioPayloads.RecordingCallback(tenant.AccountSid, TwilioPayloads.NewCallSid(), TwilioPayloads.NewSid("RE"));

        var response = await app.PostWebhookAsync("/api/twilio/voice/recording?tenant=tenant-a", form, tenant.AuthToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
    }

    [Theory]
    [InlineData("application/json", "{\"CallSid\":\"CA0123456789abcdef0123456789abcdef\"}")]
    [InlineData("text/plain", "CallSid=CA0123456789abcdef0123456789abcdef")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA0123456789abcdef0123456789abcdef\r\n--x--\r\n")]
    public async Task ContentThatIsNotAFormPost_Is415_AndWritesNothing(string contentType, string body)
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await app.Client.PostAsync(StatusPath, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheLimit_Is413_AndWritesNothing(bool announcedLength)
    {
        await using var app = await TestApp.StartAsync(o => o.Webhooks = w => w.MaxRequestBodySize = 4096);
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant, TwilioPayloads.NewCallSid());
        form.Add(new("Padding", new string('x', 5000)));
        using var request = TwilioWebhookRequests.Create(app.Url(StatusPath), form, tenant.AuthToken);
        if (!announcedLength)
        {
            var bytes = await request.Content!.ReadAsByteArrayAsync();
            request.Content = new StreamContent(new UnseekableStream(bytes));
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task ReplayedDuplicate_Is204_AndAddsNoSecondEvent()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant, TwilioPayloads.NewCallSid());

        var first = await app.PostWebhookAsync(StatusPath, form, tenant.AuthToken);
        var counted = await app.CountAsync(tenant.TenantId);
        var replay = await app.PostWebhookAsync(StatusPath, form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal((1, 1), counted);
        Assert.Equal(counted, await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task CallQueryParameterNotACallId_Is400_AndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync("/api/twilio/voice/status?tenant=tenant-a&call=42", Status(tenant, TwilioPayloads.NewCallSid()), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task GetInsteadOfPost_Is405()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/api/twilio/voice/answer?CallSid=CA0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static List<KeyValuePair<string, string>> Inbound(TestTenant tenant) =>
        TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550123", tenant.PhoneNumber);

    private static List<KeyValuePair<string, string>> Status(TestTenant tenant, string callSid, string status = "ringing", int sequence = 1) =>
        TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, status, sequence, tenant.PhoneNumber, "+14155550100");

    /// <summary>A body sent chunked, without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
