using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>X-Twilio-Signature on every webhook: the traps other libraries fell into, proxies and tunnels, tenants.</summary>
public sealed class WebhookSignatureTests
{
    private const string StatusPath = "/api/twilio/voice/status";
    private const string AnswerPath = "/api/twilio/voice/answer";

    [Fact]
    public async Task NoSignatureHeader_Is403_NotA500_AndWritesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), authToken: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Webhook refused", problem.GetProperty("title").GetString());
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
        Assert.Equal(1, app.Services.GetRequiredService<WebhookDiagnostics>().UnattributedRejections.WithoutSignature);
    }

    [Fact]
    public async Task WrongSignature_Is403_LogsReasonAndUrl_CountsIt_AndRecordsItForDiagnostics()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var failures = new MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CallTrackingMetrics.MeterName, "twilio_call_tracking.webhooks.signature_failures");
        var url = $"{StatusPath}?tenant={tenant.TenantId}";

        var response = await app.PostWebhookAsync(url, Status(tenant, TwilioPayloads.NewCallSid()), authToken: "not-the-token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
        var warning = Assert.Single(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("signature", StringComparison.Ordinal));
        Assert.Contains("mismatch", warning.Message, StringComparison.Ordinal);
        Assert.Contains(app.Url(url), warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Message.Contains(tenant.AuthToken, StringComparison.Ordinal));
        var measurement = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("mismatch", measurement.Tags["reason"]);
        var diagnostics = app.Services.GetRequiredService<WebhookDiagnostics>();
        var failure = Assert.Single(diagnostics.GetRecentSignatureFailures(tenant.TenantId));
        Assert.Equal(app.Url(url), failure.Url);
        Assert.Equal("status", failure.Kind);
        Assert.Null(diagnostics.LastWebhookReceivedAt);
    }

    [Fact]
    public async Task ValidWebhook_IsRecordedAsTheLastWebhookReceived()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        await app.PostWebhookAsync(AnswerPath, Inbound(tenant), tenant.AuthToken);

        var diagnostics = app.Services.GetRequiredService<WebhookDiagnostics>();
        Assert.NotNull(diagnostics.GetLastWebhookReceivedAt(tenant.TenantId));
        Assert.Null(diagnostics.GetLastWebhookReceivedAt(TestTenants.B.TenantId));
    }

    [Fact]
    public async Task TenantAsToken_CannotSignTenantBsWebhooks()
    {
        await using var app = await TestApp.StartAsync();
        var a = await app.AddTenantAsync(TestTenants.A);
        var b = await app.AddTenantAsync(TestTenants.B);

        var byNumber = await app.PostWebhookAsync(AnswerPath, Inbound(b), a.AuthToken);
        var byTenantParameter = await app.PostWebhookAsync($"{StatusPath}?tenant=tenant-b", Status(b, TwilioPayloads.NewCallSid()), a.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, byNumber.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTenantParameter.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(TestTenants.A.TenantId, TestTenants.B.TenantId));
    }

    [Fact]
    public async Task TenantWithAnApiKey_WebhooksAreStillCheckedWithTheAuthToken_NeverTheKeySecret()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = TestTenants.A;
        using (var scope = app.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(
                tenant.TenantId, tenant.Settings with { ApiKeySid = TestApiKeys.Sid, ApiKeySecret = TestApiKeys.Secret }));
        }

        var signedWithTheSecret = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), TestApiKeys.Secret);
        var signedWithTheToken = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, signedWithTheSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedWithTheToken.StatusCode);
        Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
        Assert.All(app.Logs.GetSnapshot(), r => Assert.DoesNotContain(TestApiKeys.Secret, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedFormKeys_AreSignedValueByValue_NotJoinedWithCommas()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant, TwilioPayloads.NewCallSid());
        form.AddRange([new("StatusCallbackEvent", "ringing"), new("StatusCallbackEvent", "initiated"), new("StatusCallbackEvent", "answered")]);
        var url = app.Url($"{StatusPath}?tenant={tenant.TenantId}");
        var joined = form.Where(p => p.Key != "StatusCallbackEvent").Append(new("StatusCallbackEvent", "ringing,initiated,answered")).ToList();
        using var commaSigned = TwilioWebhookRequests.Create(url, form, null);
        commaSigned.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(tenant.AuthToken, url, joined));

        var refused = await app.Client.SendAsync(commaSigned);
        var accepted = await app.PostWebhookAsync(url, form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Fact]
    public async Task PublicBaseUrl_RebuildsTheSignedUrl_AndKeepsTheRequestsQuery()
    {
        // The app listens on http://localhost; Twilio calls https://crm.example.com through a TLS-terminating proxy.
        await using var app = await TestApp.StartAsync(o => o.PublicBaseUrl = new Uri("https://crm.example.com"));
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var callSid = TwilioPayloads.NewCallSid();
        var publicUrl = $"https://crm.example.com{StatusPath}?tenant={tenant.TenantId}";

        var withoutQuery = await app.PostWebhookAsync(publicUrl, Status(tenant, callSid), tenant.AuthToken, signedUrl: $"https://crm.example.com{StatusPath}");
        var asSigned = await app.PostWebhookAsync(publicUrl, Status(tenant, callSid), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, withoutQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, asSigned.StatusCode);
    }

    [Fact]
    public async Task TenantsOwnPublicBaseUrl_TakesPriorityOverTheAppsOne()
    {
        await using var app = await TestApp.StartAsync(o => o.PublicBaseUrl = new Uri("https://crm.example.com"));
        var tenant = TestTenants.A;
        await app.AddTenantAsync(tenant, new Uri("https://tenant-a.example.net/crm"));

        var appUrl = await app.PostWebhookAsync($"https://crm.example.com{AnswerPath}", Inbound(tenant), tenant.AuthToken);
        var tenantUrl = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), tenant.AuthToken, signedUrl: $"https://tenant-a.example.net/crm{AnswerPath}");

        Assert.Equal(HttpStatusCode.Forbidden, appUrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tenantUrl.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeadersMiddleware_RebuildsTheTunnelsUrl()
    {
        await using var app = await TestApp.StartAsync(o => o.Middleware = web =>
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            web.UseForwardedHeaders(forwarded);
        });
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Inbound(tenant);

        using var request = TwilioWebhookRequests.Create(app.Url(AnswerPath), form, tenant.AuthToken, $"https://short-shrimps-build.loca.lt{AnswerPath}");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "short-shrimps-build.loca.lt");
        var behindTunnel = await app.Client.SendAsync(request);
        var withoutForwardedHeaders = await app.PostWebhookAsync(AnswerPath, form, tenant.AuthToken, $"https://short-shrimps-build.loca.lt{AnswerPath}");

        Assert.Equal(HttpStatusCode.OK, behindTunnel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutForwardedHeaders.StatusCode);
    }

    [Theory]
    [InlineData("https://crm.example.com:8443/api/twilio/voice/answer")]
    [InlineData("https://crm.example.com/api/twilio/voice/answer")]
    public async Task NonDefaultHttpsPort_ValidatesWithOrWithoutThePortInTheSignedUrl(string signedUrl)
    {
        await using var app = await TestApp.StartAsync();
        app.Client.BaseAddress = new Uri("https://crm.example.com:8443/");
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), tenant.AuthToken, signedUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Antiforgery_DoesNotRejectTwilioFormPosts()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.Services = builder => builder.Services.AddAntiforgery();
            o.Middleware = web => web.UseAntiforgery();
        });
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var response = await app.PostWebhookAsync(AnswerPath, Inbound(tenant), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task ValidationTurnedOff_LogsALoudWarningAtStart_AndAcceptsUnsignedWebhooks()
    {
        await using var app = await TestApp.StartAsync(o => o.Webhooks = w => w.ValidateSignatures = false);
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var warning = Assert.Single(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("TWILIO SIGNATURE VALIDATION IS DISABLED", warning.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(AnswerPath, Inbound(tenant), authToken: null)).StatusCode);
    }

    [Fact]
    public async Task ValidationOn_LogsNoWarningAtStart()
    {
        await using var app = await TestApp.StartAsync();

        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task EndpointsTheAppAddsToTheGroup_AreSignedAndResolvedToo()
    {
        await using var app = await TestApp.StartAsync(o => o.WebhookGroup = group =>
        {
            group.MapPost("/ivr", (HttpContext context) => Results.Text(context.Features.Get<TwilioWebhook>()!.TenantId));
            group.MapPost("/raw", async context => await context.Response.WriteAsync(context.Features.Get<TwilioWebhook>()!.TenantId));
        });
        var tenant = await app.AddTenantAsync(TestTenants.A);

        foreach (var path in new[] { "/api/twilio/voice/ivr", "/api/twilio/voice/raw" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.PostWebhookAsync(path, Inbound(tenant), authToken: null)).StatusCode);
            var signed = await app.PostWebhookAsync(path, Inbound(tenant), tenant.AuthToken);
            Assert.Equal(tenant.TenantId, await signed.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task SharedKeySignature_IsRefusedAsAnUnsupportedAlgorithm()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var request = TwilioWebhookRequests.Create(app.Url(AnswerPath), Inbound(tenant), tenant.AuthToken);
        request.Headers.Add("X-Twilio-Webhooks-Signature-Settings", "key=webhooks_sharedkey_1,algorithm=HMAC_SHA256");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unsupported-algorithm", app.Services.GetRequiredService<WebhookDiagnostics>().GetRecentSignatureFailures().Single().Reason);
    }

    private static List<KeyValuePair<string, string>> Inbound(TestTenant tenant) =>
        TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550123", tenant.PhoneNumber);

    private static List<KeyValuePair<string, string>> Status(TestTenant tenant, string callSid) =>
        TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "ringing", 1, tenant.PhoneNumber, "+14155550100");
}
