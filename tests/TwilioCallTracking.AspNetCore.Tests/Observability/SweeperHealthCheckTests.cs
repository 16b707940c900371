using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Observability;

/// <summary>
/// The sweeper check in a real host on a fake clock: Healthy while sweeps succeed; when every sweep fails (its store
/// cannot be read), Degraded after 3 intervals and Unhealthy after 10; Healthy again after the next good sweep.
/// </summary>
public sealed class SweeperHealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task SweepsThatStop_TurnTheCheckDegradedThenUnhealthy_AndASweepMakesItHealthyAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var store = new SwitchableReconciliationStore();
        await using var app = await TestApp.StartAsync(o => o.Services = b =>
        {
            b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            // The switchable store is the sweeper's; the calls (with their outbox), the tenants and their subscriptions stay in
            // memory, on purpose.
            b.Services.AddSingleton(store);
            b.Services.AddTwilioCallTracking()
                .AddCallStore<InMemoryCallStore>()
                .AddCallReconciliationStore<SwitchableReconciliationStore>()
                .AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>()
                .AddWebhookSubscriptionStore<InMemoryWebhookSubscriptionStore>();
            b.Services.AddHealthChecks().AddTwilioCallTracking();
        });
        var status = app.Services.GetRequiredService<ReconciliationStatus>();
        await Eventually.TrueAsync(() => status.LastSweepAt is not null);
        Assert.Equal(HealthStatus.Healthy, (await SweeperAsync(app)).Status);

        store.Fails = true;
        await AdvanceAsync(clock, store, 3);
        Assert.Equal(HealthStatus.Degraded, (await SweeperAsync(app)).Status);
        await AdvanceAsync(clock, store, 7);
        var unhealthy = await SweeperAsync(app);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Equal(600d, unhealthy.Data["lag_seconds"]);

        store.Fails = false;
        await AdvanceAsync(clock, store, 1);
        await Eventually.ValueAsync(() => SweeperAsync(app), entry => entry.Status == HealthStatus.Healthy);
    }

    // One interval at a time, each waiting for the sweep it starts: the timer fires once per advance.
    private static async Task AdvanceAsync(FakeTimeProvider clock, SwitchableReconciliationStore store, int intervals)
    {
        for (var i = 0; i < intervals; i++)
        {
            var claims = store.Claims;
            clock.Advance(Interval);
            await Eventually.TrueAsync(() => store.Claims > claims);
        }
    }

    private static async Task<HealthReportEntry> SweeperAsync(TestApp app)
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[CallTrackingHealthChecks.Sweeper];
    }

    /// <summary>A reconciliation store with nothing due, which can be told to fail every claim (a database gone).</summary>
    private sealed class SwitchableReconciliationStore : ICallReconciliationStore
    {
        private int _claims;

        public volatile bool Fails;

        public int Claims => Volatile.Read(ref _claims);

        public Task<IReadOnlyList<ReconciliationLease>> ClaimAsync(ReconciliationCriteria criteria, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            return Fails
                ? Task.FromException<IReadOnlyList<ReconciliationLease>>(new InvalidOperationException("The database is gone."))
                : Task.FromResult<IReadOnlyList<ReconciliationLease>>([]);
        }

        public Task<bool> ReleaseAsync(ReconciliationLease lease, int attempts, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(true);
    }
}
