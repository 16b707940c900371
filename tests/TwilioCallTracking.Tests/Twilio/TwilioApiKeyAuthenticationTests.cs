using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Twilio;

/// <summary>
/// A tenant with an API key: every REST request (the SDK's create and fetch, the recording media) authenticates with the
/// key SID and its secret under the tenant's account, and with the auth token again once the key is removed; the secret
/// never reaches a log, even when Twilio refuses it.
/// </summary>
public sealed class TwilioApiKeyAuthenticationTests
{
    private const string Customer = "+14155550100";
    private const string RecordingSid = "RE0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task WithAnApiKey_CreateFetchAndRecordingMedia_AuthenticateWithTheKey_UnderTheTenantsAccount()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, WithApiKey());

        var call = (await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer })).Call!;
        harness.Twilio.SetCall(call.TwilioCallSid!, c => c["status"] = "in-progress", TestTenants.A.AccountSid);
        harness.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await using (var scope = harness.Provider.CreateAsyncScope())
        {
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync()).Claimed);
        }

        var configuration = (await harness.Configurations.FindAsync(TestTenants.A.TenantId))!;
        using (await harness.Provider.GetRequiredService<RecordingMediaClient>().GetAsync(configuration, RecordingSid, RecordingFormat.Mp3, bothChannels: false, range: null))
        {
        }

        var requests = harness.Twilio.Requests.ToList();
        Assert.Equal(["POST", "GET", "GET"], requests.Select(r => r.Method));
        Assert.All(requests, r => Assert.Equal(TestApiKeys.BasicAuthorization, r.Authorization));
        Assert.All(requests, r => Assert.StartsWith($"/2010-04-01/Accounts/{TestTenants.A.AccountSid}/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAnApiKey_RequestsUseTheAuthToken_AndRemovingTheKeyGoesBackToIt()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var tokenAuthorization = TestBasicAuthorization.Of(TestTenants.A.AccountSid, TestTenants.A.AuthToken);

        await StartAsync(harness);
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, WithApiKey());
        await StartAsync(harness);
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, TestTenants.A.Settings);
        await StartAsync(harness);

        Assert.Equal([tokenAuthorization, TestApiKeys.BasicAuthorization, tokenAuthorization], harness.Twilio.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task TwilioRefusingTheKey_FailsTheCall_AndNeitherTheSecretNorTheTokenIsLoggedOrStored()
    {
        await using var harness = await ServiceHarness.StartAsync(services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()));
        await harness.ConfigureTenantAsync(TestTenants.A.TenantId, WithApiKey());
        harness.Twilio.Responder = _ => FakeTwilioResponse.Error(401, 20003, "Authenticate");

        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer });

        Assert.False(result.Succeeded);
        Assert.Equal(TestApiKeys.BasicAuthorization, Assert.Single(harness.Twilio.Requests).Authorization);
        var logs = harness.Provider.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.All(logs, r => Assert.DoesNotContain(TestApiKeys.Secret, r.Message + r.Exception, StringComparison.Ordinal));
        Assert.All(logs, r => Assert.DoesNotContain(TestTenants.A.AuthToken, r.Message + r.Exception, StringComparison.Ordinal));
        var calls = await harness.Calls.ListAsync(TestTenants.A.TenantId, new CallQuery());
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, Assert.Single(calls).Id);
        Assert.All(events, e => Assert.DoesNotContain(TestApiKeys.Secret, e.EventData, StringComparison.Ordinal));
    }

    private static Task<StartCallResult> StartAsync(ServiceHarness harness) =>
        harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer });

    private static TwilioSettings WithApiKey() => TestTenants.A.Settings with { ApiKeySid = TestApiKeys.Sid, ApiKeySecret = TestApiKeys.Secret };
}
