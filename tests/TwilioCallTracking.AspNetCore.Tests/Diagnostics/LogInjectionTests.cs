using System.Net;
using Microsoft.Extensions.Logging;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Diagnostics;

/// <summary>Values posted to the webhooks reach the logs, but never as a line of their own.</summary>
public sealed class LogInjectionTests
{
    private const string Injected = "\r\nFAKE LOG LINE";

    [Fact]
    public async Task LineBreaksInWebhookValues_NeverBreakALogLine()
    {
        await using var app = await TestApp.StartAsync(o => o.Services = builder => builder.Logging.SetMinimumLevel(LogLevel.Trace));
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var callSid = TwilioPayloads.NewCallSid();
        var status = $"/api/twilio/voice/status?tenant={tenant.TenantId}";

        var sent = new[]
        {
            // From on an inbound call (logged when it is answered).
            await app.PostWebhookAsync("/api/twilio/voice/answer", TwilioPayloads.InboundCall(tenant.AccountSid, callSid, "+1555" + Injected, tenant.PhoneNumber), tenant.AuthToken),
            // A status Twilio never sends (logged as unknown).
            await app.PostWebhookAsync(status, TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "teleported" + Injected, 2, "+1555", tenant.PhoneNumber, "inbound"), tenant.AuthToken),
            // A tenant id from the query string, and To/From/AccountSid, of a webhook no tenant owns.
            await app.PostWebhookAsync(
                "/api/twilio/voice/status?tenant=nobody%0D%0AFAKE%20LOG%20LINE",
                TwilioPayloads.StatusCallback("AC" + Injected, callSid, "ringing", 1, "+1555" + Injected, "+1800" + Injected),
                tenant.AuthToken),
            // A CallSid that is not one (logged as rejected).
            await app.PostWebhookAsync(status, TwilioPayloads.StatusCallback(tenant.AccountSid, "CA" + Injected, "ringing", 3, "+1555", tenant.PhoneNumber), tenant.AuthToken),
        };

        var records = app.Logs.GetSnapshot();
        Assert.All(records, r =>
        {
            Assert.DoesNotContain('\r', r.Message);
            Assert.DoesNotContain('\n', r.Message);
            Assert.All(r.StructuredState ?? [], pair => Assert.False((pair.Value ?? string.Empty).AsSpan().ContainsAny('\r', '\n'), $"{r.Category}: {pair.Key}"));
        });
        Assert.Contains(records, r => r.Message.Contains("+1555\\r\\nFAKE LOG LINE", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("teleported\\r\\nFAKE LOG LINE", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("nobody\\r\\nFAKE LOG LINE", StringComparison.Ordinal));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest], sent.Select(r => r.StatusCode));
    }
}
