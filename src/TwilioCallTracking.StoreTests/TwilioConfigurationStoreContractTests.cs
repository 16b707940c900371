using Xunit;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What every <see cref="ITwilioConfigurationStore"/> must do. Derive from it with your store. Each test works in tenants
/// and numbers of its own, so one database can serve the whole class (share it through an <c>IClassFixture</c>).
/// </summary>
/// <example>
/// <code>
/// public sealed class MyConfigurationStoreTests(MyDatabase database) : TwilioConfigurationStoreContractTests, IClassFixture&lt;MyDatabase&gt;
/// {
///     protected override Task&lt;ITwilioConfigurationStore&gt; GetStoreAsync() =&gt;
///         Task.FromResult&lt;ITwilioConfigurationStore&gt;(new MyConfigurationStore(database.ConnectionString));
/// }
/// </code>
/// </example>
public abstract class TwilioConfigurationStoreContractTests
{
    /// <summary>
    /// The store under test, asked for once by each test; it may return the same store every time. Throw
    /// <c>Xunit.SkipException</c> (<c>Skip.If</c>) when its database is not available here to skip the test.
    /// </summary>
    protected abstract Task<ITwilioConfigurationStore> GetStoreAsync();

    /// <summary>Save, then find: by tenant number and account, returns every field.</summary>
    [SkippableFact]
    public async Task Save_ThenFind_ByTenantNumberAndAccount_ReturnsEveryField()
    {
        var store = await GetStoreAsync();
        var configuration = NewConfiguration(NewTenant(), c =>
        {
            c.ForwardToNumber = "+14155550123";
            c.Greeting = "Hello from Acme";
            c.RecordingNotice = "This call is recorded.";
            c.RecordingMode = RecordingMode.RecordFromAnswer;
            c.PublicBaseUrl = new Uri("https://acme.example.com/crm");
            c.ApiKeySid = NewSid("SK");
            c.ProtectedApiKeySecret = "v2.0a1b2c3d.api-key-secret";
        });

        await store.SaveAsync(configuration);

        Assert.Equal(Snapshot(configuration), Snapshot((await store.FindByTenantAsync(configuration.TenantId))!));
        Assert.Equal(Snapshot(configuration), Snapshot((await store.FindByPhoneNumberAsync(configuration.PhoneNumber))!));
        Assert.Equal(Snapshot(configuration), Snapshot(Assert.Single(await store.FindByAccountSidAsync(configuration.AccountSid))));
    }

    /// <summary>Save, again: replaces the tenants configuration and frees its old number.</summary>
    [SkippableFact]
    public async Task Save_Again_ReplacesTheTenantsConfigurationAndFreesItsOldNumber()
    {
        var store = await GetStoreAsync();
        var first = NewConfiguration(NewTenant());
        await store.SaveAsync(first);
        var second = NewConfiguration(first.TenantId, c =>
        {
            c.ProtectedAuthToken = "v2.other.ciphertext";
            c.RecordingMode = RecordingMode.DoNotRecord;
            c.UpdatedAt = T0.AddDays(1);
        });

        await store.SaveAsync(second);

        Assert.Equal(Snapshot(second), Snapshot((await store.FindByTenantAsync(first.TenantId))!));
        Assert.Null(await store.FindByPhoneNumberAsync(first.PhoneNumber));
        await store.SaveAsync(NewConfiguration(NewTenant(), c => c.PhoneNumber = first.PhoneNumber));
    }

    /// <summary>Save, number of another tenant: throws and writes nothing.</summary>
    [SkippableFact]
    public async Task Save_NumberOfAnotherTenant_ThrowsAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var owner = NewConfiguration(NewTenant());
        await store.SaveAsync(owner);
        var mine = NewConfiguration(NewTenant());
        await store.SaveAsync(mine);

        await Assert.ThrowsAsync<PhoneNumberInUseException>(() => store.SaveAsync(NewConfiguration(NewTenant(), c => c.PhoneNumber = owner.PhoneNumber)));
        await Assert.ThrowsAsync<PhoneNumberInUseException>(() => store.SaveAsync(NewConfiguration(mine.TenantId, c => c.PhoneNumber = owner.PhoneNumber)));

        Assert.Equal(owner.TenantId, (await store.FindByPhoneNumberAsync(owner.PhoneNumber))!.TenantId);
        Assert.Equal(mine.PhoneNumber, (await store.FindByTenantAsync(mine.TenantId))!.PhoneNumber);
    }

    /// <summary>Find by account SID: lists every tenant of the account in ordinal order.</summary>
    [SkippableFact]
    public async Task FindByAccountSid_ListsEveryTenantOfTheAccountInOrdinalOrder()
    {
        var store = await GetStoreAsync();
        var account = NewSid("AC");
        var prefix = NewTenant();
        foreach (var suffix in new[] { "b", "B", "a", "_" })
        {
            await store.SaveAsync(NewConfiguration(prefix + suffix, c => c.AccountSid = account));
        }

        var found = await store.FindByAccountSidAsync(account);

        Assert.Equal([prefix + "B", prefix + "_", prefix + "a", prefix + "b"], found.Select(c => c.TenantId));
        Assert.Empty(await store.FindByAccountSidAsync(NewSid("AC")));
    }

    /// <summary>Delete: removes the tenants configuration only.</summary>
    [SkippableFact]
    public async Task Delete_RemovesTheTenantsConfigurationOnly()
    {
        var store = await GetStoreAsync();
        var kept = NewConfiguration(NewTenant());
        var removed = NewConfiguration(NewTenant());
        await store.SaveAsync(kept);
        await store.SaveAsync(removed);

        Assert.False(await store.DeleteAsync(NewTenant()));
        Assert.True(await store.DeleteAsync(removed.TenantId));
        Assert.False(await store.DeleteAsync(removed.TenantId));

        Assert.Null(await store.FindByTenantAsync(removed.TenantId));
        Assert.Null(await store.FindByPhoneNumberAsync(removed.PhoneNumber));
        Assert.NotNull(await store.FindByTenantAsync(kept.TenantId));
    }

    /// <summary>Concurrent saves, of one number by many tenants: one tenant gets it.</summary>
    [SkippableFact]
    public async Task ConcurrentSaves_OfOneNumberByManyTenants_OneTenantGetsIt()
    {
        var store = await GetStoreAsync();
        var number = NewNumber();

        var saves = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try
            {
                await store.SaveAsync(NewConfiguration(NewTenant(), c => c.PhoneNumber = number));
                return true;
            }
            catch (PhoneNumberInUseException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(saves), saved => saved);
        Assert.NotNull(await store.FindByPhoneNumberAsync(number));
    }

    /// <summary>Concurrent saves, of one tenant: keep one row.</summary>
    [SkippableFact]
    public async Task ConcurrentSaves_OfOneTenant_KeepOneRow()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var account = NewSid("AC");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.SaveAsync(NewConfiguration(tenant, c => c.AccountSid = account)))));

        Assert.Single(await store.FindByAccountSidAsync(account));
    }

    /// <summary>List: pages through every tenant once.</summary>
    [SkippableFact]
    public async Task List_PagesThroughEveryTenantOnce()
    {
        var store = await GetStoreAsync();
        var prefix = NewTenant();
        string[] suffixes = ["b", "B", "a", "_", "a0", "A", "z", "Z9"];
        var saved = suffixes.Select(suffix => prefix + suffix).ToList();
        foreach (var tenantId in saved)
        {
            await store.SaveAsync(NewConfiguration(tenantId));
        }

        var listed = new List<TwilioConfiguration>();
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(after, pageSize: 3);
            Assert.True(page.Count <= 3);
            listed.AddRange(page);
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].TenantId;
        }

        Assert.Equal(saved.Order(StringComparer.Ordinal), listed.Select(c => c.TenantId).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Select(c => c.TenantId).Distinct().Count());
        var one = listed.Single(c => c.TenantId == saved[0]);
        Assert.Equal(Snapshot((await store.FindByTenantAsync(saved[0]))!), Snapshot(one));
        Assert.Empty(await store.ListAsync(listed[^1].TenantId, pageSize: 3));
    }

    /// <summary>Save, again: an API key is added, replaced and removed with the configuration.</summary>
    [SkippableFact]
    public async Task Save_Again_AddsReplacesAndRemovesTheApiKey()
    {
        var store = await GetStoreAsync();
        var tokenOnly = NewConfiguration(NewTenant());
        await store.SaveAsync(tokenOnly);
        var withKey = NewConfiguration(tokenOnly.TenantId, c => (c.PhoneNumber, c.ApiKeySid, c.ProtectedApiKeySecret) = (tokenOnly.PhoneNumber, NewSid("SK"), "v2.0a1b2c3d.first"));
        var newKey = NewConfiguration(tokenOnly.TenantId, c => (c.PhoneNumber, c.ApiKeySid, c.ProtectedApiKeySecret) = (tokenOnly.PhoneNumber, NewSid("SK"), "v2.0a1b2c3d.second"));
        var withoutKey = NewConfiguration(tokenOnly.TenantId, c => c.PhoneNumber = tokenOnly.PhoneNumber);

        Assert.Equal(((string?)null, (string?)null), ApiKey(await store.FindByTenantAsync(tokenOnly.TenantId)));
        await store.SaveAsync(withKey);
        Assert.Equal(ApiKey(withKey), ApiKey(await store.FindByTenantAsync(tokenOnly.TenantId)));
        await store.SaveAsync(newKey);
        Assert.Equal(ApiKey(newKey), ApiKey(await store.FindByPhoneNumberAsync(tokenOnly.PhoneNumber)));
        await store.SaveAsync(withoutKey);
        Assert.Equal(Snapshot(withoutKey), Snapshot((await store.FindByTenantAsync(tokenOnly.TenantId))!));
    }

    /// <summary>Replace protected secrets, of the row as read: replaces the auth token and the API key secret only.</summary>
    [SkippableFact]
    public async Task ReplaceProtectedSecrets_OfTheRowAsRead_ReplacesTheTokenAndTheApiKeySecretOnly()
    {
        var store = await GetStoreAsync();
        var saved = NewConfiguration(NewTenant(), c => (c.Greeting, c.ApiKeySid, c.ProtectedApiKeySecret) = ("Hello", NewSid("SK"), "v2.0a1b2c3d.secret"));
        await store.SaveAsync(saved);
        var read = (await store.FindByTenantAsync(saved.TenantId))!;

        Assert.True(await store.ReplaceProtectedSecretsAsync(read, "v2.0a1b2c3d.replaced", "v2.0a1b2c3d.replaced-secret"));

        var expected = NewConfiguration(saved.TenantId, c =>
        {
            c.AccountSid = saved.AccountSid;
            c.PhoneNumber = saved.PhoneNumber;
            c.Greeting = "Hello";
            c.ProtectedAuthToken = "v2.0a1b2c3d.replaced";
            c.ApiKeySid = saved.ApiKeySid;
            c.ProtectedApiKeySecret = "v2.0a1b2c3d.replaced-secret";
        });
        Assert.Equal(Snapshot(expected), Snapshot((await store.FindByTenantAsync(saved.TenantId))!));
    }

    /// <summary>Replace protected secrets, of a row without an API key: replaces the token and leaves it without a key.</summary>
    [SkippableFact]
    public async Task ReplaceProtectedSecrets_OfARowWithoutApiKey_ReplacesTheTokenAndLeavesItWithoutAKey()
    {
        var store = await GetStoreAsync();
        var saved = NewConfiguration(NewTenant());
        await store.SaveAsync(saved);

        Assert.True(await store.ReplaceProtectedSecretsAsync((await store.FindByTenantAsync(saved.TenantId))!, "v2.0a1b2c3d.replaced", null));

        var stored = (await store.FindByTenantAsync(saved.TenantId))!;
        Assert.Equal(("v2.0a1b2c3d.replaced", (string?)null, (string?)null), (stored.ProtectedAuthToken, stored.ApiKeySid, stored.ProtectedApiKeySecret));
    }

    /// <summary>Replace protected secrets, of a row saved or deleted since it was read: changes nothing.</summary>
    [SkippableFact]
    public async Task ReplaceProtectedSecrets_OfARowSavedOrDeletedSinceItWasRead_ChangesNothing()
    {
        var store = await GetStoreAsync();
        var first = NewConfiguration(NewTenant(), c => (c.ApiKeySid, c.ProtectedApiKeySecret) = (NewSid("SK"), "v2.0a1b2c3d.first-secret"));
        await store.SaveAsync(first);
        var read = (await store.FindByTenantAsync(first.TenantId))!;
        var savedMeanwhile = NewConfiguration(first.TenantId, c => (c.PhoneNumber, c.ApiKeySid, c.ProtectedApiKeySecret) = (first.PhoneNumber, first.ApiKeySid, "v2.0a1b2c3d.new-secret"));
        await store.SaveAsync(savedMeanwhile);
        var accountChanged = NewConfiguration(first.TenantId, c =>
            (c.ProtectedAuthToken, c.ApiKeySid, c.ProtectedApiKeySecret) = (savedMeanwhile.ProtectedAuthToken, savedMeanwhile.ApiKeySid, savedMeanwhile.ProtectedApiKeySecret));
        var secretChanged = NewConfiguration(first.TenantId, c =>
            (c.AccountSid, c.ProtectedAuthToken, c.ApiKeySid, c.ProtectedApiKeySecret) = (savedMeanwhile.AccountSid, savedMeanwhile.ProtectedAuthToken, first.ApiKeySid, first.ProtectedApiKeySecret));
        var keyRemoved = NewConfiguration(first.TenantId, c => (c.AccountSid, c.ProtectedAuthToken) = (savedMeanwhile.AccountSid, savedMeanwhile.ProtectedAuthToken));

        Assert.False(await store.ReplaceProtectedSecretsAsync(read, "v2.0a1b2c3d.stale", "v2.0a1b2c3d.stale"));
        Assert.False(await store.ReplaceProtectedSecretsAsync(accountChanged, "v2.0a1b2c3d.stale", "v2.0a1b2c3d.stale"));
        Assert.False(await store.ReplaceProtectedSecretsAsync(secretChanged, "v2.0a1b2c3d.stale", "v2.0a1b2c3d.stale"));
        Assert.False(await store.ReplaceProtectedSecretsAsync(keyRemoved, "v2.0a1b2c3d.stale", null));
        Assert.Equal(Snapshot(savedMeanwhile), Snapshot((await store.FindByTenantAsync(first.TenantId))!));
        Assert.True(await store.DeleteAsync(first.TenantId));
        Assert.False(await store.ReplaceProtectedSecretsAsync(savedMeanwhile, "v2.0a1b2c3d.stale", "v2.0a1b2c3d.stale"));
        Assert.Null(await store.FindByTenantAsync(first.TenantId));
    }

    private static (string? ApiKeySid, string? ProtectedApiKeySecret) ApiKey(TwilioConfiguration? configuration) =>
        (configuration?.ApiKeySid, configuration?.ProtectedApiKeySecret);
}
