using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Observability;

/// <summary>
/// Signed webhooks over a real Kestrel socket, seen through an <see cref="ActivityListener"/> and the host's own meter:
/// each is one <c>webhook {kind}</c> span with its store spans beneath it, and one duration in seconds tagged
/// <c>webhook.kind</c> and <c>outcome</c>; no tag ever carries a secret.
/// </summary>
public sealed class WebhookTelemetryTests
{
    private const string Answer = "/api/twilio/voice/answer";
    private const string Caller = "+14155550111";

    [Fact]
    public async Task SignedAnswerWebhook_OverKestrel_IsOneWebhookSpanAndOneDuration_TaggedKindOutcomeTenantAndCall_WithoutSecrets()
    {
        using var spans = new ActivityCapture();
        await using var app = await TestApp.StartAsync(o => o.UseKestrel = true);
        using var durations = Durations(app);
        var tenant = await app.AddTenantAsync(TestTenants.A with { TenantId = $"obs-{Guid.NewGuid():N}" });
        var callSid = TwilioPayloads.NewCallSid();

        var response = await app.PostWebhookAsync(Answer, TwilioPayloads.InboundCall(tenant.AccountSid, callSid, Caller, tenant.PhoneNumber), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var webhook = await Eventually.ValueAsync(
            () => Task.FromResult(spans.Tagged("tenant.id", tenant.TenantId).SingleOrDefault(s => s.OperationName == "webhook answer")), s => s is not null);
        Assert.Equal("answer", webhook!.GetTagItem("webhook.kind"));
        Assert.Equal("applied", webhook.GetTagItem("outcome"));
        Assert.Equal(callSid, webhook.GetTagItem("twilio.call_sid"));
        Assert.Equal(200, webhook.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, webhook.Status);

        // The store's work is traced under the webhook: one span per store operation, in the same trace.
        var change = Assert.Single(spans.Tagged("tenant.id", tenant.TenantId), s => s.OperationName == "store calls.change");
        Assert.Equal(webhook.SpanId, change.ParentSpanId);
        Assert.Equal("saved", change.GetTagItem("outcome"));
        Assert.Equal(callSid, change.GetTagItem("twilio.call_sid"));

        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.True(measurement.Value >= 0);
        Assert.Equal("answer", measurement.Tags["webhook.kind"]);
        Assert.Equal("applied", measurement.Tags["outcome"]);
        Assert.Equal("s", durations.Instrument!.Unit);

        AssertNoSecrets(spans.Tagged("tenant.id", tenant.TenantId), tenant);
    }

    [Fact]
    public async Task DuplicateAndForgedWebhooks_AreTimedAsDuplicateAndRefused()
    {
        await using var app = await TestApp.StartAsync(o => o.UseKestrel = true);
        using var durations = Durations(app);
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), Caller, tenant.PhoneNumber);

        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(Answer, form, tenant.AuthToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(Answer, form, tenant.AuthToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PostWebhookAsync(Answer, form, "not-the-token-of-tenant-a")).StatusCode);

        Assert.Equal(
            ["applied", "duplicate", "refused"],
            durations.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!));
    }

    private static MetricCollector<double> Durations(TestApp app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), CallTrackingMetrics.MeterName, "twilio_call_tracking.webhook.duration");

    /// <summary>No tag of any span holds the auth token, the encryption key, a header or a URL.</summary>
    internal static void AssertNoSecrets(IEnumerable<Activity> activities, TestTenant tenant)
    {
        foreach (var activity in activities)
        {
            foreach (var (name, value) in activity.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                Assert.DoesNotContain(tenant.AuthToken, text, StringComparison.Ordinal);
                Assert.DoesNotContain(TestKeys.EncryptionKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain(tenant.AccountSid, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Basic ", text, StringComparison.Ordinal);
                Assert.DoesNotContain("://", text, StringComparison.Ordinal);
                Assert.DoesNotContain("authorization", name, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
