using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Configuration;

/// <summary>
/// The tenant configuration cache behind <see cref="TwilioConfigurationService"/>: a webhook costs no store read and no
/// decryption once its tenant is cached; a save on this host is seen at once; other hosts' saves within the duration.
/// </summary>
public sealed class TwilioConfigurationCacheTests : IAsyncDisposable
{
    private const string Tenant = "tenant-cache";
    private const string Number = "+18005550100";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingStore _store = new();
    private readonly CountingProtector _protector;
    private readonly ServiceProvider _services;

    public TwilioConfigurationCacheTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ITwilioConfigurationStore>(_store);
        services.AddTwilioCallTracking(o => o.EncryptionKey = "cache-tests-encryption-key-0123456789abcdef");
        using (var plain = services.BuildServiceProvider())
        {
            _protector = new CountingProtector(plain.GetRequiredService<IAuthTokenProtector>());
        }

        services.Replace(ServiceDescriptor.Singleton<IAuthTokenProtector>(_protector));
        _services = services.BuildServiceProvider();
        Assert.Empty(Configurations.SaveAsync(Tenant, Settings("token-one-0123456789abcdef")).GetAwaiter().GetResult());
        _store.Reads = 0;
    }

    private TwilioConfigurationService Configurations => _services.GetRequiredService<TwilioConfigurationService>();

    [Fact]
    public async Task RepeatedLookups_ByTenantAndByNumber_ReadTheStoreOnceEach()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await Configurations.FindAsync(Tenant));
            Assert.NotNull(await Configurations.FindByPhoneNumberAsync(Number));
        }

        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task TheSigningKey_IsDecryptedOncePerCachedConfiguration()
    {
        var configuration = (await Configurations.FindAsync(Tenant))!;
        _protector.Unprotects = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("token-one-0123456789abcdef", Configurations.RevealAuthToken((await Configurations.FindByPhoneNumberAsync(Number))!));
        }

        Assert.Equal("token-one-0123456789abcdef", Configurations.RevealAuthToken(configuration));
        Assert.Equal(1, _protector.Unprotects);
    }

    [Fact]
    public async Task ASaveOnThisHost_IsSeenAtOnce_ByTenantAndByNumber()
    {
        Assert.NotNull(await Configurations.FindByPhoneNumberAsync(Number));
        Assert.Null(await Configurations.FindByPhoneNumberAsync("+18005550111"));

        Assert.Empty(await Configurations.SaveAsync(Tenant, Settings("token-two-0123456789abcdef", "+18005550111")));

        Assert.Null(await Configurations.FindByPhoneNumberAsync(Number));
        var moved = (await Configurations.FindByPhoneNumberAsync("+18005550111"))!;
        Assert.Equal(Tenant, moved.TenantId);
        Assert.Equal("token-two-0123456789abcdef", Configurations.RevealAuthToken(moved));
    }

    [Fact]
    public async Task ALoadThatReadBeforeASave_DoesNotCacheWhatItRead()
    {
        var slow = new TaskCompletionSource();
        _store.DelayNextRead = slow;
        var inFlight = Configurations.FindAsync(Tenant).AsTask();

        Assert.Empty(await Configurations.SaveAsync(Tenant, Settings("token-two-0123456789abcdef")));
        slow.SetResult();
        await inFlight;

        Assert.Equal("token-two-0123456789abcdef", Configurations.RevealAuthToken((await Configurations.FindAsync(Tenant))!));
    }

    [Fact]
    public async Task AnotherHostsSave_IsSeenOnceTheEntryExpires()
    {
        var before = (await Configurations.FindAsync(Tenant))!;
        await _store.SaveAsync(new TwilioConfiguration
        {
            TenantId = Tenant,
            AccountSid = before.AccountSid,
            ProtectedAuthToken = before.ProtectedAuthToken,
            PhoneNumber = Number,
            Greeting = "changed elsewhere",
        });

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null((await Configurations.FindAsync(Tenant))!.Greeting);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("changed elsewhere", (await Configurations.FindAsync(Tenant))!.Greeting);
    }

    [Fact]
    public async Task ADeleteOnThisHost_IsSeenAtOnce()
    {
        Assert.NotNull(await Configurations.FindByPhoneNumberAsync(Number));

        Assert.True(await Configurations.DeleteAsync(Tenant));

        Assert.Null(await Configurations.FindAsync(Tenant));
        Assert.Null(await Configurations.FindByPhoneNumberAsync(Number));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static TwilioSettings Settings(string token, string number = Number) => new()
    {
        AccountSid = "AC11111111111111111111111111111111",
        AuthToken = token,
        PhoneNumber = number,
    };

    private sealed class CountingStore : ITwilioConfigurationStore
    {
        private readonly InMemoryTwilioConfigurationStore _inner = new();

        public int Reads { get; set; }

        /// <summary>The next read by tenant returns what it read only once this completes (a slow database).</summary>
        public TaskCompletionSource? DelayNextRead { get; set; }

        public async Task<TwilioConfiguration?> FindByTenantAsync(string tenantId, CancellationToken cancellationToken = default)
        {
            Reads++;
            var found = await _inner.FindByTenantAsync(tenantId, cancellationToken);
            if (DelayNextRead is { } delay)
            {
                DelayNextRead = null;
                await delay.Task;
            }

            return found;
        }

        public Task<TwilioConfiguration?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default)
        {
            Reads++;
            return _inner.FindByPhoneNumberAsync(phoneNumber, cancellationToken);
        }

        public Task<IReadOnlyList<TwilioConfiguration>> FindByAccountSidAsync(string accountSid, CancellationToken cancellationToken = default) =>
            _inner.FindByAccountSidAsync(accountSid, cancellationToken);

        public Task SaveAsync(TwilioConfiguration configuration, CancellationToken cancellationToken = default) => _inner.SaveAsync(configuration, cancellationToken);

        public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default) => _inner.DeleteAsync(tenantId, cancellationToken);

        public Task<IReadOnlyList<TwilioConfiguration>> ListAsync(string? afterTenantId, int pageSize, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(afterTenantId, pageSize, cancellationToken);

        public Task<bool> ReplaceProtectedSecretsAsync(
            TwilioConfiguration current, string protectedAuthToken, string? protectedApiKeySecret, CancellationToken cancellationToken = default) =>
            _inner.ReplaceProtectedSecretsAsync(current, protectedAuthToken, protectedApiKeySecret, cancellationToken);
    }

    private sealed class CountingProtector(IAuthTokenProtector inner) : IAuthTokenProtector
    {
        public int Unprotects { get; set; }

        public string Protect(string authToken, AuthTokenOwner owner) => inner.Protect(authToken, owner);

        public string Unprotect(string protectedAuthToken, AuthTokenOwner owner)
        {
            Unprotects++;
            return inner.Unprotect(protectedAuthToken, owner);
        }
    }
}
