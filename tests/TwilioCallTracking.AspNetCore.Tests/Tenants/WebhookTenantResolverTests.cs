using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore.Tests.Tenants;

public sealed class WebhookTenantResolverTests
{
    private const string SharedAccount = "AC00000000000000000000000000000001";
    private const string OwnAccount = "AC00000000000000000000000000000002";

    private readonly ITwilioConfigurationStore _store;
    private readonly WebhookTenantResolver _resolver;

    public WebhookTenantResolverTests()
    {
        var services = new ServiceCollection().AddLogging()
            .AddTwilioCallTracking(o => o.EncryptionKey = "resolver-tests-encryption-key-0123456789").Services.BuildServiceProvider();
        _store = services.GetRequiredService<ITwilioConfigurationStore>();
        _resolver = new WebhookTenantResolver(services.GetRequiredService<TwilioConfigurationService>());
        Save("tenant-a", SharedAccount, "+18005550001");
        Save("tenant-b", SharedAccount, "+18005550002");
        Save("tenant-c", OwnAccount, "+18005550003");
    }

    [Fact]
    public async Task TheTenantQueryParameter_WinsOverEveryNumber()
    {
        var found = await ResolveAsync(TwilioWebhookKind.Status, "tenant-c", ("To", "+18005550001"), ("From", "+18005550002"));

        Assert.Equal("tenant-c", found);
    }

    [Fact]
    public async Task ATenantQueryParameterWithoutConfiguration_FindsNothing_NotAFallback()
    {
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Status, "tenant-gone", ("To", "+18005550001")));
    }

    [Fact]
    public async Task Answer_IsTheCalledNumbersTenant()
    {
        Assert.Equal("tenant-b", await ResolveAsync(TwilioWebhookKind.Answer, null, ("To", "+18005550002"), ("From", "+18005550001"), ("AccountSid", SharedAccount)));
        Assert.Equal("tenant-b", await ResolveAsync(TwilioWebhookKind.Answer, null, ("Called", "+18005550002"), ("AccountSid", SharedAccount)));
    }

    [Fact]
    public async Task Answer_ToANumberNoTenantOwns_FindsNothing_EvenFromTheCallerOrTheAccount()
    {
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Answer, null, ("To", "+18005559999"), ("From", "+18005550003"), ("AccountSid", OwnAccount)));
    }

    [Fact]
    public async Task StatusOfAnOutboundCall_IsTheCallingNumbersTenant()
    {
        Assert.Equal("tenant-c", await ResolveAsync(TwilioWebhookKind.Status, null, ("To", "+14155550100"), ("From", "+18005550003"), ("AccountSid", OwnAccount)));
    }

    [Fact]
    public async Task ANumbersTenantOnAnotherAccount_IsSkipped()
    {
        // tenant-a calls tenant-c's number: the callback of tenant-a's leg comes from tenant-a's account.
        Assert.Equal("tenant-a", await ResolveAsync(TwilioWebhookKind.Status, null, ("To", "+18005550003"), ("From", "+18005550001"), ("AccountSid", SharedAccount)));
    }

    [Fact]
    public async Task TheAccount_IsUsedOnlyWhenOneTenantHasIt()
    {
        Assert.Equal("tenant-c", await ResolveAsync(TwilioWebhookKind.Recording, null, ("CallSid", "CA1"), ("AccountSid", OwnAccount)));
        Assert.Null(await ResolveAsync(TwilioWebhookKind.Recording, null, ("CallSid", "CA1"), ("AccountSid", SharedAccount)));
    }

    private async Task<string?> ResolveAsync(TwilioWebhookKind kind, string? hint, params (string Name, string Value)[] parameters) =>
        (await _resolver.ResolveAsync(new WebhookTenantQuery(kind, hint, TwilioRequestParameters.From(parameters)), CancellationToken.None))?.TenantId;

    private void Save(string tenantId, string accountSid, string number) =>
        _store.SaveAsync(new TwilioConfiguration { TenantId = tenantId, AccountSid = accountSid, ProtectedAuthToken = "protected", PhoneNumber = number }).GetAwaiter().GetResult();
}
