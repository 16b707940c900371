using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore.Tests.Diagnostics;

public sealed class WebhookDiagnosticsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LastWebhook_IsKeptPerTenantAndOverall()
    {
        var diagnostics = new WebhookDiagnostics(_time);
        diagnostics.RecordWebhookReceived("tenant-a");
        _time.Advance(TimeSpan.FromMinutes(1));
        diagnostics.RecordWebhookReceived("tenant-b");

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(1), diagnostics.GetLastWebhookReceivedAt("tenant-a"));
        Assert.Equal(_time.GetUtcNow(), diagnostics.GetLastWebhookReceivedAt("tenant-b"));
        Assert.Equal(_time.GetUtcNow(), diagnostics.LastWebhookReceivedAt);
        Assert.Null(diagnostics.GetLastWebhookReceivedAt("tenant-c"));
    }

    [Fact]
    public void SignatureFailures_AreNewestFirst_Bounded_AndFilteredByTenant()
    {
        var diagnostics = new WebhookDiagnostics(_time);
        for (var i = 0; i < WebhookDiagnostics.Capacity + 5; i++)
        {
            diagnostics.RecordSignatureFailure(i % 2 == 0 ? "tenant-a" : "tenant-b", "status", "mismatch", $"https://crm.example.com/{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var all = diagnostics.GetRecentSignatureFailures();
        Assert.Equal(WebhookDiagnostics.Capacity, all.Count);
        Assert.Equal($"https://crm.example.com/{WebhookDiagnostics.Capacity + 4}", all[0].Url);
        Assert.All(diagnostics.GetRecentSignatureFailures("tenant-b"), f => Assert.Equal("tenant-b", f.TenantId));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.At > pair.Second.At));
    }
}
