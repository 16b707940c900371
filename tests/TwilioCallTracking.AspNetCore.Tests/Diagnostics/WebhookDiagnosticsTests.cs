using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Diagnostics;

public sealed class WebhookDiagnosticsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LastWebhook_IsKeptPerTenantAndOverall()
    {
        var diagnostics = new WebhookDiagnostics(_time);
        diagnostics.RecordWebhookReceived(TestTenants.A.TenantId);
        _time.Advance(TimeSpan.FromMinutes(1));
        diagnostics.RecordWebhookReceived(TestTenants.B.TenantId);

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(1), diagnostics.GetLastWebhookReceivedAt(TestTenants.A.TenantId));
        Assert.Equal(_time.GetUtcNow(), diagnostics.GetLastWebhookReceivedAt(TestTenants.B.TenantId));
        Assert.Equal(_time.GetUtcNow(), diagnostics.LastWebhookReceivedAt);
        Assert.Null(diagnostics.GetLastWebhookReceivedAt(TestTenants.C.TenantId));
    }

    [Fact]
    public void SignatureFailures_AreNewestFirst_Bounded_AndFilteredByTenant()
    {
        var diagnostics = new WebhookDiagnostics(_time);
        for (var i = 0; i < WebhookDiagnostics.Capacity + 5; i++)
        {
            diagnostics.RecordSignatureFailure(i % 2 == 0 ? TestTenants.A.TenantId : TestTenants.B.TenantId, "status", "mismatch", $"https://crm.example.com/{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var all = diagnostics.GetRecentSignatureFailures();
        Assert.Equal(WebhookDiagnostics.Capacity, all.Count);
        Assert.Equal($"https://crm.example.com/{WebhookDiagnostics.Capacity + 4}", all[0].Url);
        Assert.All(diagnostics.GetRecentSignatureFailures(TestTenants.B.TenantId), f => Assert.Equal(TestTenants.B.TenantId, f.TenantId));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.At > pair.Second.At));
    }

    [Fact]
    public void LastWebhookTimes_AreKeptForAtMostTenantCapacityTenants_ForgettingTheLongestSilent()
    {
        var diagnostics = new WebhookDiagnostics(_time);
        for (var i = 0; i < WebhookDiagnostics.TenantCapacity + 100; i++)
        {
            diagnostics.RecordWebhookReceived($"tenant-{i}");
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Null(diagnostics.GetLastWebhookReceivedAt("tenant-0"));
        Assert.Null(diagnostics.GetLastWebhookReceivedAt("tenant-99"));
        Assert.NotNull(diagnostics.GetLastWebhookReceivedAt("tenant-100"));
        Assert.NotNull(diagnostics.GetLastWebhookReceivedAt($"tenant-{WebhookDiagnostics.TenantCapacity + 99}"));
    }

    [Fact]
    public void UnattributedRejections_AreCountedOnly()
    {
        var diagnostics = new WebhookDiagnostics(_time);

        for (var i = 0; i < 1_000; i++)
        {
            diagnostics.RecordUnsignedWebhook();
            diagnostics.RecordUnknownTenantWebhook();
        }

        Assert.Equal(new UnattributedWebhookRejections(1_000, 1_000, _time.GetUtcNow()), diagnostics.UnattributedRejections);
        Assert.Empty(diagnostics.GetRecentSignatureFailures());
    }
}
