using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.EntityFramework.Tests.Contract.CallData;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>What every <see cref="ITwilioConfigurationStore"/> must do, run against the in-memory store, SQLite and PostgreSQL.</summary>
public abstract class TwilioConfigurationStoreContractTests(StoreHost host)
{
    protected StoreHost Host { get; } = host;

    [SkippableFact]
    public async Task Save_ThenFind_ByTenantNumberAndAccount_ReturnsEveryField()
    {
        var store = await Host.ConfigurationStoreAsync();
        var configuration = NewConfiguration(NewTenant(), c =>
        {
            c.ForwardToNumber = "+14155550123";
            c.Greeting = "Hello from Acme";
            c.RecordingNotice = "This call is recorded.";
            c.RecordingMode = RecordingMode.RecordFromAnswer;
            c.PublicBaseUrl = new Uri("https://acme.example.com/crm");
        });

        await store.SaveAsync(configuration);

        Assert.Equal(Snapshot(configuration), Snapshot((await store.FindByTenantAsync(configuration.TenantId))!));
        Assert.Equal(Snapshot(configuration), Snapshot((await store.FindByPhoneNumberAsync(configuration.PhoneNumber))!));
        Assert.Equal(Snapshot(configuration), Snapshot(Assert.Single(await store.FindByAccountSidAsync(configuration.AccountSid))));
    }

    [SkippableFact]
    public async Task Save_Again_ReplacesTheTenantsConfigurationAndFreesItsOldNumber()
    {
        var store = await Host.ConfigurationStoreAsync();
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

    [SkippableFact]
    public async Task Save_NumberOfAnotherTenant_ThrowsAndWritesNothing()
    {
        var store = await Host.ConfigurationStoreAsync();
        var owner = NewConfiguration(NewTenant());
        await store.SaveAsync(owner);
        var mine = NewConfiguration(NewTenant());
        await store.SaveAsync(mine);

        await Assert.ThrowsAsync<PhoneNumberInUseException>(() => store.SaveAsync(NewConfiguration(NewTenant(), c => c.PhoneNumber = owner.PhoneNumber)));
        await Assert.ThrowsAsync<PhoneNumberInUseException>(() => store.SaveAsync(NewConfiguration(mine.TenantId, c => c.PhoneNumber = owner.PhoneNumber)));

        Assert.Equal(owner.TenantId, (await store.FindByPhoneNumberAsync(owner.PhoneNumber))!.TenantId);
        Assert.Equal(mine.PhoneNumber, (await store.FindByTenantAsync(mine.TenantId))!.PhoneNumber);
    }

    [SkippableFact]
    public async Task FindByAccountSid_ListsEveryTenantOfTheAccountInOrdinalOrder()
    {
        var store = await Host.ConfigurationStoreAsync();
        var account = TwilioPayloads.NewSid("AC");
        var prefix = NewTenant();
        foreach (var suffix in new[] { "b", "B", "a", "_" })
        {
            await store.SaveAsync(NewConfiguration(prefix + suffix, c => c.AccountSid = account));
        }

        var found = await store.FindByAccountSidAsync(account);

        Assert.Equal([prefix + "B", prefix + "_", prefix + "a", prefix + "b"], found.Select(c => c.TenantId));
        Assert.Empty(await store.FindByAccountSidAsync(TwilioPayloads.NewSid("AC")));
    }

    [SkippableFact]
    public async Task Delete_RemovesTheTenantsConfigurationOnly()
    {
        var store = await Host.ConfigurationStoreAsync();
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

    [SkippableFact]
    public async Task ConcurrentSaves_OfOneNumberByManyTenants_OneTenantGetsIt()
    {
        var store = await Host.ConfigurationStoreAsync();
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

    [SkippableFact]
    public async Task ConcurrentSaves_OfOneTenant_KeepOneRow()
    {
        var store = await Host.ConfigurationStoreAsync();
        var tenant = NewTenant();
        var account = TwilioPayloads.NewSid("AC");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.SaveAsync(NewConfiguration(tenant, c => c.AccountSid = account)))));

        Assert.Single(await store.FindByAccountSidAsync(account));
    }

    [SkippableFact]
    public async Task List_PagesThroughEveryTenantOnce()
    {
        var store = await Host.ConfigurationStoreAsync();
        var prefix = NewTenant();
        var saved = new[] { "b", "B", "a", "_", "a0", "A", "z", "Z9" }.Select(suffix => prefix + suffix).ToList();
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

    [SkippableFact]
    public async Task ReplaceProtectedAuthToken_OfTheRowAsRead_ReplacesTheTokenOnly()
    {
        var store = await Host.ConfigurationStoreAsync();
        var saved = NewConfiguration(NewTenant(), c => c.Greeting = "Hello");
        await store.SaveAsync(saved);
        var read = (await store.FindByTenantAsync(saved.TenantId))!;

        Assert.True(await store.ReplaceProtectedAuthTokenAsync(read, "v2.0a1b2c3d.replaced"));

        var expected = NewConfiguration(saved.TenantId, c =>
        {
            c.AccountSid = saved.AccountSid;
            c.PhoneNumber = saved.PhoneNumber;
            c.Greeting = "Hello";
            c.ProtectedAuthToken = "v2.0a1b2c3d.replaced";
        });
        Assert.Equal(Snapshot(expected), Snapshot((await store.FindByTenantAsync(saved.TenantId))!));
    }

    [SkippableFact]
    public async Task ReplaceProtectedAuthToken_OfARowSavedOrDeletedSinceItWasRead_ChangesNothing()
    {
        var store = await Host.ConfigurationStoreAsync();
        var first = NewConfiguration(NewTenant());
        await store.SaveAsync(first);
        var read = (await store.FindByTenantAsync(first.TenantId))!;
        var savedMeanwhile = NewConfiguration(first.TenantId, c => c.PhoneNumber = first.PhoneNumber);
        await store.SaveAsync(savedMeanwhile);
        var accountChanged = NewConfiguration(first.TenantId, c => c.ProtectedAuthToken = savedMeanwhile.ProtectedAuthToken);

        Assert.False(await store.ReplaceProtectedAuthTokenAsync(read, "v2.0a1b2c3d.stale"));
        Assert.False(await store.ReplaceProtectedAuthTokenAsync(accountChanged, "v2.0a1b2c3d.stale"));
        Assert.Equal(Snapshot(savedMeanwhile), Snapshot((await store.FindByTenantAsync(first.TenantId))!));
        Assert.True(await store.DeleteAsync(first.TenantId));
        Assert.False(await store.ReplaceProtectedAuthTokenAsync(savedMeanwhile, "v2.0a1b2c3d.stale"));
        Assert.Null(await store.FindByTenantAsync(first.TenantId));
    }

    private static TwilioConfiguration NewConfiguration(string tenantId, Action<TwilioConfiguration>? configure = null)
    {
        var configuration = new TwilioConfiguration
        {
            TenantId = tenantId,
            AccountSid = TwilioPayloads.NewSid("AC"),
            ProtectedAuthToken = "v2.0a1b2c3d." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            PhoneNumber = NewNumber(),
            CreatedAt = T0,
            UpdatedAt = T0.AddMinutes(5),
        };
        configure?.Invoke(configuration);
        return configuration;
    }

    private static string NewNumber() => "+1415" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Snapshot(TwilioConfiguration c) => new
    {
        c.TenantId, c.AccountSid, c.ProtectedAuthToken, c.PhoneNumber, c.ForwardToNumber, c.Greeting, c.RecordingNotice, c.RecordingMode,
        c.PublicBaseUrl, c.CreatedAt, c.UpdatedAt,
    };
}

/// <summary>The contract on the in-memory store (the reference).</summary>
public sealed class InMemoryTwilioConfigurationStoreTests(InMemoryStoreHost host) : TwilioConfigurationStoreContractTests(host), IClassFixture<InMemoryStoreHost>;

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteTwilioConfigurationStoreTests(SqliteStoreHost host) : TwilioConfigurationStoreContractTests(host), IClassFixture<SqliteStoreHost>;

/// <summary>The contract on PostgreSQL.</summary>
public sealed class PostgreSqlTwilioConfigurationStoreTests(PostgreSqlStoreHost host) : TwilioConfigurationStoreContractTests(host), IClassFixture<PostgreSqlStoreHost>;
