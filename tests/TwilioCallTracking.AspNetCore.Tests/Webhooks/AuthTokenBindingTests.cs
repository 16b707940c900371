using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TwilioCallTracking;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// A stored auth token opens only for the tenant and account it was saved for: one tenant's ciphertext copied into
/// another's row signs nothing, a v1 value (bound to no tenant) is upgraded when the app starts and refused afterwards.
/// </summary>
public sealed class AuthTokenBindingTests
{
    private const string AnswerPath = "/api/twilio/voice/answer";
    private const string StatusPath = "/api/twilio/voice/status";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CiphertextCopiedFromAnotherTenant_DoesNotSignThatTenantsWebhooks(bool sameAccount)
    {
        await using var app = await TestApp.StartAsync();
        var a = await app.AddTenantAsync(TestTenants.A);
        var b = await app.AddTenantAsync(sameAccount ? TestTenants.B with { AccountSid = TestTenants.A.AccountSid } : TestTenants.B);
        var store = app.Services.GetRequiredService<ITwilioConfigurationStore>();
        var rowOfB = (await store.FindByTenantAsync(b.TenantId))!;
        rowOfB.ProtectedAuthToken = (await store.FindByTenantAsync(a.TenantId))!.ProtectedAuthToken;
        await store.SaveAsync(rowOfB);

        var signedWithAsToken = await app.PostWebhookAsync($"{StatusPath}?tenant={b.TenantId}", Status(b), a.AuthToken);
        var answerSignedWithAsToken = await app.PostWebhookAsync(AnswerPath, Inbound(b), a.AuthToken);
        var signedWithBsToken = await app.PostWebhookAsync($"{StatusPath}?tenant={b.TenantId}", Status(b), b.AuthToken);
        var aStillWorks = await app.PostWebhookAsync($"{StatusPath}?tenant={a.TenantId}", Status(a), a.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, signedWithAsToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, answerSignedWithAsToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signedWithBsToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, aStillWorks.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(b.TenantId));
        Assert.All(app.Services.GetRequiredService<WebhookDiagnostics>().GetRecentSignatureFailures(), f => Assert.Equal((b.TenantId, "token-unreadable"), (f.TenantId, f.Reason)));
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains($"auth token of tenant {b.TenantId} cannot be opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task V1Row_IsUpgradedWhenTheAppStarts_AndItsWebhooksThenWork()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await store.SaveAsync(new TwilioConfiguration
        {
            TenantId = TestTenants.A.TenantId,
            AccountSid = TestTenants.A.AccountSid,
            ProtectedAuthToken = LegacyAuthTokens.TenantAUnderCurrentKey,
            PhoneNumber = TestTenants.A.PhoneNumber,
            ForwardToNumber = TestTenants.A.ForwardToNumber,
        });

        await using var app = await TestApp.StartAsync(o => o.Services = builder => builder.Services.Replace(ServiceDescriptor.Singleton<ITwilioConfigurationStore>(store)));

        Assert.StartsWith("v2.", (await store.FindByTenantAsync(TestTenants.A.TenantId))!.ProtectedAuthToken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(AnswerPath, Inbound(TestTenants.A), TestTenants.A.AuthToken)).StatusCode);
        Assert.Equal((1, 1), await app.CountAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task V1ValueWrittenIntoARowAfterStart_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var store = app.Services.GetRequiredService<ITwilioConfigurationStore>();
        var row = (await store.FindByTenantAsync(tenant.TenantId))!;
        row.ProtectedAuthToken = LegacyAuthTokens.TenantAUnderCurrentKey;
        await store.SaveAsync(row);

        var response = await app.PostWebhookAsync($"{StatusPath}?tenant={tenant.TenantId}", Status(tenant), tenant.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
        var error = Assert.Single(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("Restart the app", error.Message, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Inbound(TestTenant tenant) =>
        TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550123", tenant.PhoneNumber);

    private static List<KeyValuePair<string, string>> Status(TestTenant tenant) =>
        TwilioPayloads.StatusCallback(tenant.AccountSid, TwilioPayloads.NewCallSid(), "ringing", 1, "+14155550100", tenant.PhoneNumber);
}
