using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Api;

/// <summary>The call API: start a call (the real SDK over HTTP to the fake Twilio), list and read calls, per tenant.</summary>
public sealed class CallTrackingApiTests
{
    private static readonly Uri PublicBaseUrl = new("https://crm.example.com");

    [Fact]
    public async Task Initiate_ReturnsTheSeedsShape_AndAsksTwilioToCallFromTheTenantsNumber()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.StartsWith("CA", body.GetProperty("callSid").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        var create = Assert.Single(app.Twilio.Requests);
        Assert.Equal("+14155550100", create["To"]);
        Assert.Equal(tenant.PhoneNumber, create["From"]);
        Assert.Equal("true", create["Record"]);
        Assert.StartsWith("Basic ", create.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_Is401ProblemDetails()
    {
        await using var app = await StartAsync();
        await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenantId: null, userId: null, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(app.Twilio.Requests);
    }

    [Fact]
    public async Task SignedInUserWithoutTenant_Is403NamingTheClaim()
    {
        await using var app = await StartAsync();

        var response = await app.ApiAsync(HttpMethod.Get, "/api/calls", tenantId: null, userId: "user-1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("tenant_id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantClaim_IsConfigurable()
    {
        await using var app = await StartAsync(o => o.Api = api => api.TenantClaimType = "org");
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var request = TestApp.ApiRequest(HttpMethod.Get, "/api/calls", tenant.TenantId, tenantClaim: "org");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+0123")]
    [InlineData("call me")]
    public async Task InvalidNumber_Is400WithTheField_AndWritesNothing(string to)
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
        Assert.Empty(app.Twilio.Requests);
    }

    [Theory]
    [InlineData("{}", "to")]
    [InlineData("{\"to\": \"+14155550100\", \"contactId\": \"not-a-uuid\"}", "contactId")]
    [InlineData("{\"to\": ", "to")]
    [InlineData("not json", "body")]
    public async Task MalformedBody_Is400ProblemDetails_AndWritesNothing(string json, string field)
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var request = TestApp.ApiRequest(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, content: new StringContent(json, Encoding.UTF8, "application/json"));

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is415()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var request = TestApp.ApiRequest(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, content: new FormUrlEncodedContent([new("to", "+14155550100")]));

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task TenantWithoutTwilioConfiguration_Is409_SayingTwilioIsNotConfigured()
    {
        await using var app = await StartAsync();

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", "tenant-new", json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Twilio is not configured for this tenant", problem.GetProperty("title").GetString());
        Assert.Contains("TwilioConfigurationService.SaveAsync", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await app.CountAsync("tenant-new"));
    }

    [Fact]
    public async Task TwilioRefusesTheCall_Is502WithTwiliosCodeAndMessage()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        app.Twilio.Responder = _ => FakeTwilioResponse.Error(400, 21211, "The 'To' number +14155550100 is not a valid phone number.");

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(21211, problem.GetProperty("twilioCode").GetInt32());
        Assert.Equal("The 'To' number +14155550100 is not a valid phone number.", problem.GetProperty("twilioMessage").GetString());
        var callId = problem.GetProperty("callId").GetGuid();
        var call = await (await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}", tenant.TenantId)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", call.GetProperty("call").GetProperty("status").GetString());
        Assert.Equal(21211, call.GetProperty("call").GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task TwilioUnreachable_Is503_AndTheCallIsNotRetried()
    {
        await using var app = await StartAsync(o => o.TwilioApiBaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}"));
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("never sent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactOfAnotherTenant_IsAValidationProblem_AndNoCallIsPlaced()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var theirs = app.Contacts.Add(TestTenants.B.TenantId, "+14155550100");

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100", contactId = theirs });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no contact", problem.GetProperty("errors").GetProperty("contactId")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(app.Twilio.Requests);
    }

    [Fact]
    public async Task TwilioAnswersTooLate_Is504_WithTheQueuedCallsId()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        app.Twilio.Responder = _ => FakeTwilioResponse.Error(502, 0, "Bad Gateway");

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown", problem.GetProperty("outcome").GetString());
        var call = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{problem.GetProperty("callId").GetGuid()}", tenant.TenantId);
        Assert.Equal("queued", (await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("call").GetProperty("status").GetString());
        Assert.Single(app.Twilio.Requests);
    }

    [Fact]
    public async Task List_PagesNewestFirst_WithACursor_AndFilters()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var contactA = app.Contacts.Add(tenant.TenantId, "+14155550100");
        var contactB = app.Contacts.Add(tenant.TenantId, "+14155550100");
        var started = new List<Guid>();
        foreach (var contact in new[] { contactA, contactB, contactA, contactB, contactA })
        {
            var body = await (await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100", contactId = contact }))
                .Content.ReadFromJsonAsync<JsonElement>();
            started.Add(body.GetProperty("callId").GetGuid());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetJsonAsync(app, tenant, "/api/calls?pageSize=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(Enumerable.Reverse(started), seen);
        var forA = await GetJsonAsync(app, tenant, $"/api/calls?contactId={contactA}");
        Assert.Equal(3, forA.GetProperty("items").GetArrayLength());
        Assert.Equal(5, (await GetJsonAsync(app, tenant, "/api/calls?direction=outbound&status=queued")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await GetJsonAsync(app, tenant, "/api/calls?direction=inbound")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("contactId=42", "contactId")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("status=teleported", "status")]
    [InlineData("includeChildLegs=maybe", "includeChildLegs")]
    public async Task List_WithABadFilter_Is400NamingIt(string query, string field)
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Get, $"/api/calls?{query}", tenant.TenantId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TenantAsUser_CannotListOrReadTenantBsCalls()
    {
        await using var app = await StartAsync();
        var a = await app.AddTenantAsync(TestTenants.A);
        await app.AddTenantAsync(TestTenants.B);
        var started = await (await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", TestTenants.B.TenantId, json: new { to = "+14155550100" })).Content.ReadFromJsonAsync<JsonElement>();
        var bCall = started.GetProperty("callId").GetGuid();

        var read = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{bCall}", a.TenantId);
        var list = await GetJsonAsync(app, a, "/api/calls");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await app.ApiAsync(HttpMethod.Get, $"/api/calls/{bCall}", TestTenants.B.TenantId)).StatusCode);
    }

    [Fact]
    public async Task CallJson_NeverCarriesTheRecordingUrlOrTheAuthToken()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var started = await (await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" })).Content.ReadFromJsonAsync<JsonElement>();
        var callSid = started.GetProperty("callSid").GetString()!;
        var callId = started.GetProperty("callId").GetGuid();
        var recordingSid = TwilioPayloads.NewSid("RE");
        var statusUrl = app.Twilio.Requests.Single()["StatusCallback"]!;
        var completed = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "completed", 3, tenant.PhoneNumber, "+14155550100", callDuration: 30);
        // Twilio may put the recording on the completed status callback too.
        completed.AddRange([new("RecordingSid", recordingSid), new("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{tenant.AccountSid}/Recordings/{recordingSid}"), new("RecordingDuration", "29")]);
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(statusUrl, completed, tenant.AuthToken)).StatusCode);

        var details = await (await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}", tenant.TenantId)).Content.ReadAsStringAsync();
        var list = await (await app.ApiAsync(HttpMethod.Get, "/api/calls", tenant.TenantId)).Content.ReadAsStringAsync();

        foreach (var json in new[] { details, list })
        {
            Assert.Contains(recordingSid, json, StringComparison.Ordinal);
            Assert.DoesNotContain("/Recordings/", json, StringComparison.Ordinal);
            Assert.DoesNotContain("ecordingUrl", json, StringComparison.Ordinal);
            Assert.DoesNotContain(tenant.AuthToken, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CallJson_NeverCarriesTheAccountSid_NorAnyTwilioUrl()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var started = await (await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" })).Content.ReadFromJsonAsync<JsonElement>();
        var callSid = started.GetProperty("callSid").GetString()!;
        var callId = started.GetProperty("callId").GetGuid();
        var statusUrl = app.Twilio.Requests.Single()["StatusCallback"]!;
        var completed = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "completed", 3, tenant.PhoneNumber, "+14155550100", callDuration: 30);
        completed.Add(new("Uri", $"/2010-04-01/Accounts/{tenant.AccountSid}/Calls/{callSid}.json"));
        completed.Add(new("SipResponseHeaders", $"see https://api.twilio.com/2010-04-01/Accounts/{tenant.AccountSid}/Calls/{callSid}/Media"));
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(statusUrl, completed, tenant.AuthToken)).StatusCode);

        var details = await (await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}", tenant.TenantId)).Content.ReadAsStringAsync();
        var list = await (await app.ApiAsync(HttpMethod.Get, "/api/calls", tenant.TenantId)).Content.ReadAsStringAsync();

        Assert.Contains("\"CallDuration\":\"30\"", details, StringComparison.Ordinal);
        foreach (var json in new[] { details, list })
        {
            Assert.DoesNotContain(tenant.AccountSid, json, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountSid", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("api.twilio.com", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownCall_Is404ProblemDetails()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{Guid.NewGuid()}", tenant.TenantId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StoreUnavailable_Is503WithRetryAfter_NotA500()
    {
        var store = new SwitchableStore();
        await using var app = await StartAsync(o => o.Services = b => UseStore(b.Services, store));
        var tenant = await app.AddTenantAsync(TestTenants.A);
        store.Down = true;

        var list = await app.ApiAsync(HttpMethod.Get, "/api/calls", tenant.TenantId);
        var initiate = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        foreach (var response in new[] { list, initiate })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(app.Twilio.Requests);
    }

    [Fact]
    public async Task StoreDownAfterTwilioPlacedTheCall_AnswersSuccess_AndTheCallbackAttachesTheSid()
    {
        var store = new SwitchableStore();
        await using var app = await StartAsync(o => o.Services = b => UseStore(b.Services, store));
        var tenant = await app.AddTenantAsync(TestTenants.A);
        app.Twilio.Responder = request =>
        {
            // Twilio has placed the call; the database goes down before its SID is stored.
            store.Down = request.Method == "POST";
            return null;
        };

        var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var callSid = body.GetProperty("callSid").GetString()!;
        store.Down = false;
        var statusUrl = app.Twilio.Requests.Single()["StatusCallback"]!;
        var ringing = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "ringing", 1, tenant.PhoneNumber, "+14155550100");
        Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(statusUrl, ringing, tenant.AuthToken)).StatusCode);
        var call = await GetJsonAsync(app, tenant, $"/api/calls/{body.GetProperty("callId").GetGuid()}");
        Assert.Equal((callSid, "ringing"), (call.GetProperty("call").GetProperty("callSid").GetString(), call.GetProperty("call").GetProperty("status").GetString()));
    }

    private static void UseStore(IServiceCollection services, SwitchableStore store)
    {
        // The switchable store takes the calls; the sweeper, the outbox, the tenants and their subscriptions stay in memory, on purpose.
        services.AddSingleton(store);
        services.AddTwilioCallTracking()
            .AddCallStore<SwitchableStore>()
            .AddCallReconciliationStore<InMemoryCallStore>()
            .AddCallNotificationStore<InMemoryCallStore>()
            .AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>()
            .AddWebhookSubscriptionStore<InMemoryWebhookSubscriptionStore>();
    }

    /// <summary>The in-memory store, which can be made to fail as a database that is down would.</summary>
    private sealed class SwitchableStore : ICallStore
    {
        private readonly InMemoryCallStore _inner = new();

        public volatile bool Down;

        public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default) =>
            IfUp(() => _inner.ChangeAsync(change, cancellationToken));

        public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
            IfUp(() => _inner.FindByIdAsync(tenantId, callId, cancellationToken));

        public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) =>
            IfUp(() => _inner.FindBySidAsync(tenantId, callSid, cancellationToken));

        public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) =>
            IfUp(() => _inner.ListAsync(tenantId, query, cancellationToken));

        public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
            IfUp(() => _inner.ListEventsAsync(tenantId, callId, cancellationToken));

        private Task<T> IfUp<T>(Func<Task<T>> operation) => Down ? Task.FromException<T>(new StoreUnavailableException("The database is down.")) : operation();
    }

    private static Task<TestApp> StartAsync(Action<TestAppOptions>? configure = null) => TestApp.StartAsync(o =>
    {
        o.PublicBaseUrl = PublicBaseUrl;
        configure?.Invoke(o);
    });

    private static async Task<JsonElement> GetJsonAsync(TestApp app, TestTenant tenant, string path)
    {
        var response = await app.ApiAsync(HttpMethod.Get, path, tenant.TenantId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
