using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// Requests that reach no tenant — unsigned, or for a tenant that does not exist — get the very 403 a tenant's bad
/// signature gets (so the answer never tells which tenants exist), are counted apart from real signature mismatches,
/// and cannot flood a tenant's diagnostics or grow them, however many bogus tenant ids are sent.
/// </summary>
public sealed class UnattributedWebhookTests
{
    private const string StatusPath = "/api/twilio/voice/status";

    [Fact]
    public async Task UnsignedRequest_GetsTheSame403_WhetherItsTenantExistsOrNot()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant);

        var known = await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", form, authToken: null);
        var unknown = await app.PostWebhookAsync($"{StatusPath}?tenant=tenant-nobody", form, authToken: null);
        var byNumber = await app.PostWebhookAsync(StatusPath, form, authToken: null);

        Assert.Equal(HttpStatusCode.Forbidden, known.StatusCode);
        Assert.Equal(await DescribeAsync(known), await DescribeAsync(unknown));
        Assert.Equal(await DescribeAsync(known), await DescribeAsync(byNumber));
    }

    [Fact]
    public async Task SignedRequestForATenantThatDoesNotExist_GetsThe403OfAWrongSignature()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = Status(tenant);

        var wrongSignature = await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", form, "not-the-token");
        var noSuchTenant = await app.PostWebhookAsync($"{StatusPath}?tenant=tenant-nobody", form, "not-the-token");
        var noSuchNumber = await app.PostWebhookAsync(StatusPath, Status(tenant with { PhoneNumber = "+18005559999", AccountSid = TestTenants.B.AccountSid }), "not-the-token");

        Assert.Equal(HttpStatusCode.Forbidden, wrongSignature.StatusCode);
        Assert.Equal(await DescribeAsync(wrongSignature), await DescribeAsync(noSuchTenant));
        Assert.Equal(await DescribeAsync(wrongSignature), await DescribeAsync(noSuchNumber));
    }

    [Fact]
    public async Task UnsignedAndUnknownTenantRequests_AreCountedApart_NotAsTheTenantsSignatureFailure()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var failures = new MetricCollector<long>(
            app.Services.GetRequiredService<IMeterFactory>(), CallTrackingMetrics.MeterName, "twilio_call_tracking.webhooks.signature_failures");

        await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", Status(tenant), authToken: null);
        await app.PostWebhookAsync($"{StatusPath}?tenant=tenant-nobody", Status(tenant), tenant.AuthToken);
        await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", Status(tenant), "not-the-token");

        var diagnostics = app.Services.GetRequiredService<WebhookDiagnostics>();
        var failure = Assert.Single(diagnostics.GetRecentSignatureFailures());
        Assert.Equal((tenant.TenantId, "mismatch"), (failure.TenantId, failure.Reason));
        Assert.Equal((1, 1), (diagnostics.UnattributedRejections.WithoutSignature, diagnostics.UnattributedRejections.ForUnknownTenant));
        Assert.Equal(
            [("unsigned", false), ("unknown-tenant", false), ("mismatch", true)],
            failures.GetMeasurementSnapshot().Select(m => ((string)m.Tags["reason"]!, (bool)m.Tags["tenant.resolved"]!)));
    }

    [Fact]
    public async Task ThousandsOfBogusRequests_LeaveTheDiagnosticsBounded_AndTheTenantsRealFailureInPlace()
    {
        const int Bogus = 3_000;
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", Status(tenant), "not-the-token");
        var form = Status(tenant);
        var statuses = new HashSet<HttpStatusCode>();

        for (var i = 0; i < Bogus; i++)
        {
            var response = (i % 3) switch
            {
                0 => await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", form, authToken: null),
                1 => await app.PostWebhookAsync($"{StatusPath}?tenant=bogus-{i}", form, authToken: null),
                _ => await app.PostWebhookAsync($"{StatusPath}?tenant=bogus-{i}", form, "any-token"),
            };
            statuses.Add(response.StatusCode);
        }

        var diagnostics = app.Services.GetRequiredService<WebhookDiagnostics>();
        var failure = Assert.Single(diagnostics.GetRecentSignatureFailures());
        Assert.Equal((tenant.TenantId, "mismatch"), (failure.TenantId, failure.Reason));
        Assert.Equal((2_000, 1_000), (diagnostics.UnattributedRejections.WithoutSignature, diagnostics.UnattributedRejections.ForUnknownTenant));
        Assert.Null(diagnostics.LastWebhookReceivedAt);
        Assert.Null(diagnostics.GetLastWebhookReceivedAt("bogus-2"));
        Assert.Equal([HttpStatusCode.Forbidden], statuses);
    }

    /// <summary>Everything a client sees of a response: status, headers (but the date), body (but the trace id).</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{body.ToJsonString()}";
    }

    private static List<KeyValuePair<string, string>> Status(TestTenant tenant) =>
        TwilioPayloads.StatusCallback(tenant.AccountSid, TwilioPayloads.NewCallSid(), "ringing", 1, "+14155550100", tenant.PhoneNumber);
}
