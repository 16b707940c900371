using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Tenants;

public sealed class WebhookTenantResolverTests
{
    // Tenants A and B share one Twilio account; tenant C has its own.
    private static readonly TestTenant A = TestTenants.A, B = TestTenants.B, C = TestTenants.C;
    private static readonly string SharedAccount = A.AccountSid;
    private static readonly string OwnAccount = C.AccountSid;

    private readonly ITwilioConfigurationStore _store;
    private readonly WebhookTenantResolver _resolver;

    public WebhookTenantResolverTests()
    {
        var services = new ServiceCollection().AddLogging()
            .AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey).Services.BuildServiceProvider();
        _store = services.GetRequiredService<ITwilioConfigurationStore>();
        _resolver = new WebhookTenantResolver(services.GetRequiredService<TwilioConfigurationService>());
        Save(A.TenantId, SharedAccount, A.PhoneNumber);
        Save(B.TenantId, SharedAccount, B.PhoneNumber);
        Save(C.TenantId, OwnAccount, C.PhoneNumber);
    }

    [Fact]
    public async Task TheTenantQueryParameter_WinsOverEveryNumber()
    {
        var found = await ResolveAsync(TwilioWebhookKind.Status, C.TenantId, ("To", A.PhoneNumber), ("From", B.PhoneNumber));

        Assert.Equal(C.TenantId, found);
    }

    [Fact]
    public async Task ATenantQueryParameterWithoutConfiguration_FindsNothing_NotAFallback()
    {
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Status, "tenant-gone", ("To", A.PhoneNumber)));
    }

    [Fact]
    public async Task Answer_IsTheCalledNumbersTenant()
    {
        Assert.Equal(B.TenantId, await ResolveAsync(TwilioWebhookKind.Answer, null, ("To", B.PhoneNumber), ("From", A.PhoneNumber), ("AccountSid", SharedAccount)));
        Assert.Equal(B.TenantId, await ResolveAsync(TwilioWebhookKind.Answer, null, ("Called", B.PhoneNumber), ("AccountSid", SharedAccount)));
    }

    [Fact]
    public async Task Answer_ToANumberNoTenantOwns_FindsNothing_EvenFromTheCallerOrTheAccount()
    {
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Answer, null, ("To", "+18005559999"), ("From", C.PhoneNumber), ("AccountSid", OwnAccount)));
    }

    [Fact]
    public async Task StatusOfAnOutboundCall_IsTheCallingNumbersTenant()
    {
        Assert.Equal(C.TenantId, await ResolveAsync(TwilioWebhookKind.Status, null, ("To", "+14155550100"), ("From", C.PhoneNumber), ("AccountSid", OwnAccount)));
    }

    [Fact]
    public async Task ANumbersTenantOnAnotherAccount_IsSkipped()
    {
        // Tenant A calls tenant C's number: the callback of A's leg comes from A's account.
        Assert.Equal(A.TenantId, await ResolveAsync(TwilioWebhookKind.Status, null, ("To", C.PhoneNumber), ("From", A.PhoneNumber), ("AccountSid", SharedAccount)));
    }

    [Fact]
    public async Task TheAccount_IsUsedOnlyWhenOneTenantHasIt()
    {
        Assert.Equal(C.TenantId, await ResolveAsync(TwilioWebhookKind.Recording, null, ("CallSid", "CA1"), ("AccountSid", OwnAccount)));
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Recording, null, ("CallSid", "CA1"), ("AccountSid", SharedAccount)));
    }

    private async Task<string?> ResolveAsync(TwilioWebhookKind kind, string? hint, params (string Name, string Value)[] parameters) =>
        (await _resolver.ResolveAsync(new WebhookTenantQuery(kind, hint, TwilioRequestParameters.From(parameters)), CancellationToken.None))?.TenantId;

    private void Save(string tenantId, string accountSid, string number) =>
        _store.SaveAsync(new TwilioConfiguration { TenantId = tenantId, AccountSid = accountSid, ProtectedAuthToken = "protected", PhoneNumber = number }).GetAwaiter().GetResult();
}
