using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

/// <summary>
/// The upgrade <c>AddTwilioCallTracking</c> runs at start: v1 rows (bound to no tenant) and rows under a previous key are
/// protected again for their tenant and account under the current key, through the store contract; a row saved meanwhile
/// is never overwritten; a row that does not open is reported and left alone.
/// </summary>
public sealed class AuthTokenUpgradeTests
{
    [Fact]
    public async Task V1Rows_AreRewrittenAsV2_BoundToTheirTenant_AndThenOpen()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await store.SaveAsync(Row(TestTenants.A, LegacyAuthTokens.TenantAUnderCurrentKey));
        await store.SaveAsync(Row(TestTenants.B, LegacyAuthTokens.TenantBUnderCurrentKey));
        await using var services = Services(store);

        await StartUpgradeAsync(services);

        foreach (var tenant in new[] { TestTenants.A, TestTenants.B })
        {
            var row = (await store.FindByTenantAsync(tenant.TenantId))!;
            Assert.StartsWith("v2.", row.ProtectedAuthToken, StringComparison.Ordinal);
            Assert.Equal(tenant.AuthToken, Reveal(services, row));
        }

        var copied = (await store.FindByTenantAsync(TestTenants.B.TenantId))!;
        copied.ProtectedAuthToken = (await store.FindByTenantAsync(TestTenants.A.TenantId))!.ProtectedAuthToken;
        Assert.Throws<AuthTokenProtectionException>(() => Reveal(services, copied));
        Assert.Contains(services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("2 protected again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyRotation_OldRowsOpenWithThePreviousKey_ThenTheUpgradeMovesThemToTheNewKey()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await using (var beforeRotation = Services(store, TestKeys.PreviousEncryptionKey))
        {
            Assert.Empty(await SaveAsync(beforeRotation, TestTenants.A));
        }

        var v1Tenant = TestTenants.A with { TenantId = "tenant-a-v1", PhoneNumber = "+18005550109" };
        await store.SaveAsync(Row(v1Tenant, LegacyAuthTokens.TenantAUnderPreviousKey));
        var oldRow = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
        await using var rotated = Services(store, TestKeys.EncryptionKey, TestKeys.PreviousEncryptionKey);
        Assert.Equal(TestTenants.A.AuthToken, Reveal(rotated, oldRow));

        await StartUpgradeAsync(rotated);

        var upgraded = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
        Assert.NotEqual(oldRow.ProtectedAuthToken.Split('.')[1], upgraded.ProtectedAuthToken.Split('.')[1]);
        await using var previousKeyDropped = Services(store, TestKeys.EncryptionKey);
        Assert.Equal(TestTenants.A.AuthToken, Reveal(previousKeyDropped, upgraded));
        Assert.Equal(TestTenants.A.AuthToken, Reveal(previousKeyDropped, (await store.FindByTenantAsync(v1Tenant.TenantId))!));
        Assert.Equal(oldRow.UpdatedAt, upgraded.UpdatedAt);
    }

    [Fact]
    public async Task KeyRotation_MovesTheApiKeySecretToTheNewKeyToo()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await using (var beforeRotation = Services(store, TestKeys.PreviousEncryptionKey))
        {
            await using var scope = beforeRotation.CreateAsyncScope();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(
                TestTenants.A.TenantId, TestTenants.A.Settings with { ApiKeySid = TestApiKeys.Sid, ApiKeySecret = TestApiKeys.Secret }));
        }

        await using var rotated = Services(store, TestKeys.EncryptionKey, TestKeys.PreviousEncryptionKey);
        await StartUpgradeAsync(rotated);

        var upgraded = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
        await using var previousKeyDropped = Services(store, TestKeys.EncryptionKey);
        var protector = previousKeyDropped.GetRequiredService<IAuthTokenProtector>();
        Assert.Equal(TestTenants.A.AuthToken, Reveal(previousKeyDropped, upgraded));
        Assert.Equal(TestApiKeys.Secret, protector.Unprotect(upgraded.ProtectedApiKeySecret!, AuthTokenOwner.ForApiKeySecret(upgraded)));
        Assert.Equal(TestApiKeys.Sid, upgraded.ApiKeySid);
    }

    [Fact]
    public async Task ARowSavedAfterTheUpgradeReadIt_KeepsWhatWasSaved()
    {
        var store = new SaveBeforeReplaceStore();
        await store.SaveAsync(Row(TestTenants.A, LegacyAuthTokens.TenantAUnderCurrentKey));
        await using var services = Services(store);
        store.BeforeReplace = async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var settings = TestTenants.A.Settings with { AuthToken = "token-saved-meanwhile-0123456789", Greeting = "Saved meanwhile" };
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(TestTenants.A.TenantId, settings));
        };

        await StartUpgradeAsync(services);

        var row = (await store.FindByTenantAsync(TestTenants.A.TenantId))!;
        Assert.Equal("token-saved-meanwhile-0123456789", Reveal(services, row));
        Assert.Equal("Saved meanwhile", row.Greeting);
        Assert.Contains(services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("1 saved meanwhile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryPage_IsUpgraded()
    {
        var store = new InMemoryTwilioConfigurationStore();
        var count = (AuthTokenUpgrade.PageSize * 2) + 7;
        for (var i = 0; i < count; i++)
        {
            await store.SaveAsync(Row(TestTenants.A with { TenantId = $"tenant-{i:D4}", PhoneNumber = $"+1800555{i:D4}" }, LegacyAuthTokens.TenantAUnderCurrentKey));
        }

        await using var services = Services(store);

        await StartUpgradeAsync(services);

        var rows = await store.ListAsync(null, count + 1);
        Assert.Equal(count, rows.Count);
        Assert.All(rows, row => Assert.Equal(TestTenants.A.AuthToken, Reveal(services, row)));
    }

    [Fact]
    public async Task ARowThatDoesNotOpen_IsLoggedAndLeftAlone_TheOthersAreUpgraded()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await store.SaveAsync(Row(TestTenants.A, "v1.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        await store.SaveAsync(Row(TestTenants.B, LegacyAuthTokens.TenantBUnderCurrentKey));
        await using var services = Services(store);

        await StartUpgradeAsync(services);

        Assert.StartsWith("v1.00000000.", (await store.FindByTenantAsync(TestTenants.A.TenantId))!.ProtectedAuthToken, StringComparison.Ordinal);
        Assert.Equal(TestTenants.B.AuthToken, Reveal(services, (await store.FindByTenantAsync(TestTenants.B.TenantId))!));
        var error = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(TestTenants.A.TenantId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUpgrade_RunsInTheHostsStartingPhase_BeforeAnyHostedServiceStarts()
    {
        var store = new InMemoryTwilioConfigurationStore();
        await store.SaveAsync(Row(TestTenants.A, LegacyAuthTokens.TenantAUnderCurrentKey));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<ITwilioConfigurationStore>(store);
        var seen = new TaskCompletionSource<string>();
        builder.Services.AddHostedService(_ => new ReadsAtStart(store, seen));
        builder.Services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.StartsWith("v2.", await seen.Task, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreThatCannotBeReadWhileTheHostIsStarting_IsUpgradedWhenTheHostedServicesStart()
    {
        var store = new SaveBeforeReplaceStore { FailingLists = 1 };
        await store.SaveAsync(Row(TestTenants.A, LegacyAuthTokens.TenantAUnderCurrentKey));
        await using var services = Services(store);
        var upgrade = services.GetServices<IHostedService>().OfType<AuthTokenUpgrade>().Single();

        await upgrade.StartingAsync(CancellationToken.None);
        var whileStarting = (await store.FindByTenantAsync(TestTenants.A.TenantId))!.ProtectedAuthToken;
        await upgrade.StartAsync(CancellationToken.None);

        Assert.StartsWith("v1.", whileStarting, StringComparison.Ordinal);
        Assert.StartsWith("v2.", (await store.FindByTenantAsync(TestTenants.A.TenantId))!.ProtectedAuthToken, StringComparison.Ordinal);
        Assert.Contains(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("runs again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreThatCannotBeReadWhenTheHostedServicesStartEither_IsLoggedAsAnError_AndTheHostStarts()
    {
        var store = new SaveBeforeReplaceStore { FailingLists = 2 };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services.AddSingleton<ITwilioConfigurationStore>(store);
        builder.Services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var error = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("could not be upgraded at start", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(ITwilioConfigurationStore store, string key = TestKeys.EncryptionKey, params string[] previousKeys)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddSingleton(store);
        services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = key;
            foreach (var previous in previousKeys)
            {
                o.PreviousEncryptionKeys.Add(previous);
            }
        });
        return services.BuildServiceProvider();
    }

    private static Task StartUpgradeAsync(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<AuthTokenUpgrade>().Single().StartingAsync(CancellationToken.None);

    private static string Reveal(IServiceProvider services, TwilioConfiguration row) =>
        services.GetRequiredService<IAuthTokenProtector>().Unprotect(row.ProtectedAuthToken, AuthTokenOwner.For(row));

    private static async Task<IReadOnlyDictionary<string, string[]>> SaveAsync(IServiceProvider services, TestTenant tenant)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(tenant.TenantId, tenant.Settings);
    }

    private static TwilioConfiguration Row(TestTenant tenant, string protectedAuthToken) => new()
    {
        TenantId = tenant.TenantId,
        AccountSid = tenant.AccountSid,
        ProtectedAuthToken = protectedAuthToken,
        PhoneNumber = tenant.PhoneNumber,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
    };

    /// <summary>A hosted service of the app, registered before call tracking: what it reads of tenant A's token when it starts.</summary>
    private sealed class ReadsAtStart(ITwilioConfigurationStore store, TaskCompletionSource<string> seen) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) =>
            seen.SetResult((await store.FindByTenantAsync(TestTenants.A.TenantId, cancellationToken))!.ProtectedAuthToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>An in-memory store where a settings save lands between the upgrade's read and its write, or that cannot be read yet.</summary>
    private sealed class SaveBeforeReplaceStore : ITwilioConfigurationStore
    {
        private readonly InMemoryTwilioConfigurationStore _inner = new();

        public Func<Task>? BeforeReplace { get; set; }

        /// <summary>How many of the next lists fail, as on a database whose tables are not there yet.</summary>
        public int FailingLists { get; set; }

        public Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default) => _inner.FindByTenantAsync(tenantId, cancellationToken);

        public Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default) => _inner.FindByPhoneNumberAsync(phoneNumber, cancellationToken);

        public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default) => _inner.FindByAccountSidAsync(accountSid, cancellationToken);

        public Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default) => _inner.SaveAsync(configuration, cancellationToken);

        public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default) => _inner.DeleteAsync(tenantId, cancellationToken);

        public Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default) =>
            FailingLists-- > 0
                ? throw new InvalidOperationException("no such table: twilio_configurations")
                : _inner.ListAsync(afterTenantId, pageSize, cancellationToken);

        public async Task<bool> ReplaceProtectedSecretsAsync(
            TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default)
        {
            if (BeforeReplace is { } save)
            {
                BeforeReplace = null;
                await save();
            }

            return await _inner.ReplaceProtectedSecretsAsync(current, protectedAuthToken, protectedApiKeySecret, cancellationToken);
        }
    }
}
