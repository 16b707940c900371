using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Observability;

/// <summary>
/// Outbound calls through the call API, the real SDK talking HTTP to the fake Twilio: each REST request is one
/// <c>twilio {operation}</c> span and one duration tagged with the operation, outcome and HTTP status; Twilio's 401
/// (error 20003) puts the tenant on the credentials health check, and its next accepted request takes it off.
/// </summary>
public sealed class TwilioRequestTelemetryTests
{
    private const string Initiate = "/api/calls/initiate";

    [Fact]
    public async Task OutboundCall_IsOneTwilioSpanAndDuration_TaggedCallsCreateAnd201_WithoutSecrets()
    {
        using var spans = new ActivityCapture();
        await using var app = await TestApp.StartAsync(o => o.UseKestrel = true);
        using var durations = Durations(app);
        var tenant = await app.AddTenantAsync(TestTenants.A with { TenantId = $"obs-{Guid.NewGuid():N}" }, new Uri("https://crm.example.com"));

        var response = await app.ApiAsync(HttpMethod.Post, Initiate, tenant.TenantId, json: new { to = "+14155550100" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var create = Assert.Single(spans.Tagged("tenant.id", tenant.TenantId), s => s.OperationName == "twilio calls.create");
        Assert.Equal("calls.create", create.GetTagItem("twilio.operation"));
        Assert.Equal(201, create.GetTagItem("http.response.status_code"));
        Assert.Equal("ok", create.GetTagItem("outcome"));
        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("calls.create", measurement.Tags["twilio.operation"]);
        Assert.Equal("ok", measurement.Tags["outcome"]);
        Assert.Equal(201, measurement.Tags["http.response.status_code"]);
        WebhookTelemetryTests.AssertNoSecrets(spans.Tagged("tenant.id", tenant.TenantId), tenant);
    }

    [Fact]
    public async Task TwilioAnswers20003_TheCredentialsCheckReportsTheTenant_UntilTwilioAcceptsItAgain()
    {
        await using var app = await TestApp.StartAsync(o => o.Services = b => b.Services.AddHealthChecks().AddTwilioCallTracking());
        using var durations = Durations(app);
        var tenant = await app.AddTenantAsync(TestTenants.A, new Uri("https://crm.example.com"));
        Assert.Equal(HealthStatus.Healthy, (await CredentialsAsync(app)).Status);

        app.Twilio.Responder = _ => FakeTwilioResponse.Error(401, 20003, "Authenticate");
        Assert.Equal(HttpStatusCode.BadGateway, (await app.ApiAsync(HttpMethod.Post, Initiate, tenant.TenantId, json: new { to = "+14155550100" })).StatusCode);

        var refused = await CredentialsAsync(app);
        Assert.Equal(HealthStatus.Degraded, refused.Status);
        Assert.Equal(1, refused.Data["tenants"]);
        Assert.Contains("1 tenant", refused.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.AuthToken, refused.Description, StringComparison.Ordinal);
        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("refused", measurement.Tags["outcome"]);
        Assert.Equal(401, measurement.Tags["http.response.status_code"]);

        app.Twilio.Responder = null;
        Assert.Equal(HttpStatusCode.Created, (await app.ApiAsync(HttpMethod.Post, Initiate, tenant.TenantId, json: new { to = "+14155550100" })).StatusCode);
        Assert.Equal(HealthStatus.Healthy, (await CredentialsAsync(app)).Status);
    }

    private static async Task<HealthReportEntry> CredentialsAsync(TestApp app)
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[CallTrackingHealthChecks.TwilioCredentials];
    }

    private static MetricCollector<double> Durations(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), CallTrackingMetrics.MeterName, "twilio_call_tracking.twilio.request.duration");
}
