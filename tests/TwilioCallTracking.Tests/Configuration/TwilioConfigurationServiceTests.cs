using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

public class TwilioConfigurationServiceTests
{
    [Fact]
    public async Task SavedToken_IsStoredOnlyEncrypted_AndCanBeRevealedForUse()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var stored = (await harness.Provider.GetRequiredService<ITwilioConfigurationStore>().FindByTenantAsync(TestTenants.A.TenantId))!;

        Assert.DoesNotContain(TestTenants.A.AuthToken, stored.ProtectedAuthToken, StringComparison.Ordinal);
        Assert.Equal(TestTenants.A.AuthToken, harness.Provider.GetRequiredService<IAuthTokenProtector>().Unprotect(stored.ProtectedAuthToken, AuthTokenOwner.For(stored)));
    }

    [Fact]
    public async Task SavingWithoutAToken_KeepsTheStoredOne()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var scope = harness.Provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();

        var errors = await service.SaveAsync(TestTenants.A.TenantId, new TwilioSettings { AccountSid = TestTenants.A.AccountSid, PhoneNumber = TestTenants.A.PhoneNumber, ForwardToNumber = "+14155559999" });

        Assert.Empty(errors);
        var stored = (await service.FindAsync(TestTenants.A.TenantId))!;
        Assert.Equal("+14155559999", stored.ForwardToNumber);
        Assert.Equal(TestTenants.A.AuthToken, service.RevealAuthToken(stored));
    }

    [Fact]
    public async Task SavingWithoutAToken_UnderAnotherAccount_KeepsTheTokenBoundToTheAccountSavedNow()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var scope = harness.Provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();
        var before = (await service.FindAsync(TestTenants.A.TenantId))!;

        var errors = await service.SaveAsync(TestTenants.A.TenantId, new TwilioSettings { AccountSid = TestTenants.C.AccountSid, PhoneNumber = TestTenants.A.PhoneNumber });

        Assert.Empty(errors);
        var stored = (await service.FindAsync(TestTenants.A.TenantId))!;
        Assert.Equal(TestTenants.A.AuthToken, service.RevealAuthToken(stored));
        Assert.NotEqual(before.ProtectedAuthToken, stored.ProtectedAuthToken);
    }

    [Fact]
    public async Task SavingWithoutAToken_WhenTheStoredOneDoesNotOpen_AsksForTheToken_AndSavesNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var store = harness.Provider.GetRequiredService<ITwilioConfigurationStore>();
        var copied = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
        copied.ProtectedAuthToken = (await store.FindByTenantAsync(TestTenants.B.TenantId))!.ProtectedAuthToken;
        await store.SaveAsync(copied);
        using var scope = harness.Provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();

        var errors = await service.SaveAsync(TestTenants.A.TenantId, new TwilioSettings { AccountSid = TestTenants.A.AccountSid, PhoneNumber = TestTenants.A.PhoneNumber, Greeting = "Hi" });

        Assert.Contains("enter it again", Assert.Single(errors["authToken"]), StringComparison.Ordinal);
        Assert.Null((await store.FindByTenantAsync(TestTenants.A.TenantId))!.Greeting);
    }

    [Fact]
    public async Task BadSettings_AreRefusedFieldByField_AndNothingIsSaved()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var scope = harness.Provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();

        var errors = await service.SaveAsync("tenant-new", new TwilioSettings
        {
            AccountSid = "AC123",
            PhoneNumber = "555-0100",
            ForwardToNumber = "call me",
            PublicBaseUrl = new Uri("/relative", UriKind.Relative),
        });

        Assert.Equal(["accountSid", "authToken", "forwardToNumber", "phoneNumber", "publicBaseUrl"], errors.Keys.Order());
        Assert.Null(await service.FindAsync("tenant-new"));
    }

    [Fact]
    public async Task ANumberOwnedByAnotherTenant_IsRefused()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var scope = harness.Provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();

        var errors = await service.SaveAsync("tenant-new", new TwilioSettings { AccountSid = TestTenants.B.AccountSid, AuthToken = "t", PhoneNumber = TestTenants.A.PhoneNumber });

        Assert.Contains("already configured for another tenant", Assert.Single(errors["phoneNumber"]), StringComparison.Ordinal);
        Assert.Null(await service.FindAsync("tenant-new"));
    }
}
