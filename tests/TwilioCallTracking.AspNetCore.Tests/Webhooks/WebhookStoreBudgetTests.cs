using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// The webhooks' store budget (<c>TwilioCallTracking:StoreTimeout</c>), on the clock the app is given: a store that
/// does not answer makes the webhook answer 503 with Retry-After once the budget runs out, not when the store would;
/// a store that reports itself unavailable makes it answer 503 at once. Either way nothing is acknowledged.
/// </summary>
public sealed class WebhookStoreBudgetTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("/api/twilio/voice/answer")]
    [InlineData("/api/twilio/voice/status")]
    public async Task StoreThatDoesNotAnswer_WebhookAnswers503WhenTheBudgetRunsOut_CountedAndLogged(string path)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        var store = new StuckCallStore();
        await using var app = await StartAsync(time, store);
        var tenant = await app.AddTenantAsync(TestTenants.A);
        using var unavailable = new MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CallTrackingMetrics.MeterName, "twilio_call_tracking.webhooks.store_unavailable");

        var answer = app.PostWebhookAsync(path, Form(tenant, path), tenant.AuthToken);
        await store.Entered.WaitAsync(WaitLimit);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(answer.IsCompleted, "The webhook gave up before its budget of 10 s ran out.");
        time.Advance(TimeSpan.FromSeconds(1));
        var response = await answer.WaitAsync(WaitLimit);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(503, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(path.EndsWith("answer", StringComparison.Ordinal) ? "answer" : "status", Assert.Single(unavailable.GetMeasurementSnapshot()).Tags["webhook.kind"]);
        Assert.Single(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreUnavailable_WebhookAnswers503AtOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(time, new StuckCallStore(new StoreUnavailableException("The database is down.")));
        var tenant = await app.AddTenantAsync(TestTenants.A);
        const string path = "/api/twilio/voice/answer";

        var response = await app.PostWebhookAsync(path, Form(tenant, path), tenant.AuthToken).WaitAsync(WaitLimit);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static Task<TestApp> StartAsync(FakeTimeProvider time, StuckCallStore store) => TestApp.StartAsync(o => o.Services = builder =>
    {
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(store);
        // The stuck store takes the webhooks' changes; the sweeper, the outbox, the tenants and their subscriptions stay in
        // memory, on purpose.
        builder.Services.AddTwilioCallTracking()
            .AddCallStore<StuckCallStore>()
            .AddCallReconciliationStore<InMemoryCallStore>()
            .AddCallNotificationStore<InMemoryCallStore>()
            .AddTwilioConfigurationStore<InMemoryTwilioConfigurationStore>()
            .AddWebhookSubscriptionStore<InMemoryWebhookSubscriptionStore>();
    });

    private static List<KeyValuePair<string, string>> Form(TestTenant tenant, string path) => path.EndsWith("answer", StringComparison.Ordinal)
        ? TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), "+14155550111", tenant.PhoneNumber)
        : TwilioPayloads.StatusCallback(tenant.AccountSid, TwilioPayloads.NewCallSid(), "ringing", 1, "+14155550111", tenant.PhoneNumber, "inbound");

    /// <summary>A call store whose changes never finish (they end only when cancelled), or fail with <paramref name="failure"/>.</summary>
    private sealed class StuckCallStore(Exception? failure = null) : ICallStore
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first change reached the store.</summary>
        public Task Entered => _entered.Task;

        public async Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default)
        {
            _entered.TrySetResult();
            if (failure is not null)
            {
                throw failure;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Unreachable: the delay ends only when cancelled.");
        }

        public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) => Task.FromResult<Call?>(null);

        public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) => Task.FromResult<Call?>(null);

        public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Call>>([]);

        public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CallEvent>>([]);
    }
}
