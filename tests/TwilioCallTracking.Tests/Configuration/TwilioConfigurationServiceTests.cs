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

    [Fact]
    public async Task ApiKey_IsSavedWithItsSecretOnlyEncrypted_ForItsTenantAccountAndKey()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var service = harness.Configurations;

        var errors = await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(TestApiKeys.Secret));

        Assert.Empty(errors);
        var stored = (await harness.Provider.GetRequiredService<ITwilioConfigurationStore>().FindByTenantAsync(TestTenants.A.TenantId))!;
        Assert.Equal(TestApiKeys.Sid, stored.ApiKeySid);
        Assert.DoesNotContain(TestApiKeys.Secret, stored.ProtectedApiKeySecret!, StringComparison.Ordinal);
        var protector = harness.Provider.GetRequiredService<IAuthTokenProtector>();
        Assert.Equal(TestApiKeys.Secret, protector.Unprotect(stored.ProtectedApiKeySecret!, AuthTokenOwner.ForApiKeySecret(stored)));
        Assert.Equal(TestTenants.A.AuthToken, service.RevealAuthToken(stored));
    }

    [Fact]
    public async Task SavingWithoutTheSecret_KeepsItForTheSameKey_AndAnEmptyKeySidRemovesTheKey()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var service = harness.Configurations;
        Assert.Empty(await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(TestApiKeys.Secret)));

        Assert.Empty(await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(secret: null) with { AccountSid = TestTenants.C.AccountSid, Greeting = "Hi" }));
        var kept = (await service.FindAsync(TestTenants.A.TenantId))!;
        Assert.Equal((TestApiKeys.Sid, "Hi"), (kept.ApiKeySid, kept.Greeting));
        Assert.Equal(TestApiKeys.Secret, harness.Provider.GetRequiredService<IAuthTokenProtector>().Unprotect(kept.ProtectedApiKeySecret!, AuthTokenOwner.ForApiKeySecret(kept)));

        Assert.Empty(await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(secret: null) with { ApiKeySid = "" }));
        var removed = (await service.FindAsync(TestTenants.A.TenantId))!;
        Assert.Equal(((string?)null, (string?)null), (removed.ApiKeySid, removed.ProtectedApiKeySecret));
    }

    [Fact]
    public async Task BadApiKeys_AreRefusedFieldByField_AndNothingIsSaved()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var service = harness.Configurations;
        var before = (await service.FindAsync(TestTenants.A.TenantId))!;

        var badSid = await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(TestApiKeys.Secret) with { ApiKeySid = "AC0123456789abcdef0123456789abcdef" });
        var secretWithoutSid = await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(TestApiKeys.Secret) with { ApiKeySid = null });
        var newSidWithoutSecret = await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(secret: null));

        Assert.Contains("'SK' followed by 32 hex digits", Assert.Single(badSid["apiKeySid"]), StringComparison.Ordinal);
        Assert.Contains("needs its API key SID", Assert.Single(secretWithoutSid["apiKeySecret"]), StringComparison.Ordinal);
        Assert.Contains("required with a new API key SID", Assert.Single(newSidWithoutSecret["apiKeySecret"]), StringComparison.Ordinal);
        var after = (await service.FindAsync(TestTenants.A.TenantId))!;
        Assert.Equal((before.ProtectedAuthToken, (string?)null), (after.ProtectedAuthToken, after.ApiKeySid));
    }

    [Fact]
    public async Task AnotherKeySid_NeedsItsOwnSecret_TheStoredOneIsNotCarriedOver()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var service = harness.Configurations;
        Assert.Empty(await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(TestApiKeys.Secret)));

        var errors = await service.SaveAsync(TestTenants.A.TenantId, WithApiKey(secret: null) with { ApiKeySid = "SK" + new string('9', 32) });

        Assert.Contains("required with a new API key SID", Assert.Single(errors["apiKeySecret"]), StringComparison.Ordinal);
        Assert.Equal(TestApiKeys.Sid, (await service.FindAsync(TestTenants.A.TenantId))!.ApiKeySid);
    }

    [Fact]
    public void Settings_PrintedOrLogged_NeverShowTheAuthTokenOrTheApiKeySecret()
    {
        var text = WithApiKey(TestApiKeys.Secret).ToString();

        Assert.DoesNotContain(TestApiKeys.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTenants.A.AuthToken, text, StringComparison.Ordinal);
        Assert.Contains(TestApiKeys.Sid, text, StringComparison.Ordinal);
        Assert.Contains("ApiKeySecret = [set]", text, StringComparison.Ordinal);
    }

    private static TwilioSettings WithApiKey(string? secret) =>
        TestTenants.A.Settings with { ApiKeySid = TestApiKeys.Sid, ApiKeySecret = secret };
}
