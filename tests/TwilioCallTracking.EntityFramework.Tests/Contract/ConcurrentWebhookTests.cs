using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>
/// Real webhook traffic through <see cref="CallTrackingServices"/> on each store: Twilio's status and recording callbacks
/// for one call arriving at the same moment, each delivered twice, in any order. Nothing may be lost or doubled.
/// </summary>
public abstract class ConcurrentWebhookTests(StoreHost host)
{
    private const string Caller = "+14155550100";

    [SkippableFact]
    public async Task StatusAndRecordingCallbacks_FiredTogetherAndTwice_LoseNothingAndDoubleNothing()
    {
        var services = await host.ServicesAsync();
        var tenant = StoreTestData.NewTenant();
        var account = TwilioPayloads.NewSid("AC");
        var number = "+1800" + Random.Shared.Next(1_000_000, 9_999_999);
        await using (var scope = services.CreateAsyncScope())
        {
            var errors = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(tenant, new TwilioSettings
            {
                AccountSid = account,
                AuthToken = TestTenants.A.AuthToken,
                PhoneNumber = number,
                ForwardToNumber = TestTenants.A.ForwardToNumber,
            });
            Assert.Empty(errors);
        }

        for (var round = 0; round < 5; round++)
        {
            var sid = TwilioPayloads.NewCallSid();
            var recordingSid = TwilioPayloads.NewSid("RE");
            var answered = await Run(s => s.AnswerInboundCallAsync(tenant, TwilioPayloads.InboundCall(account, sid, Caller, number).AsParameters()));
            Assert.Equal(WebhookOutcome.Applied, answered.Outcome);
            var at = DateTimeOffset.UtcNow;
            var callbacks = new List<Func<CallTrackingServices, Task<WebhookResult>>>
            {
                s => s.ApplyStatusCallbackAsync(tenant, Status(account, sid, number, "ringing", 1, at)),
                s => s.ApplyStatusCallbackAsync(tenant, Status(account, sid, number, "in-progress", 2, at.AddSeconds(3))),
                s => s.ApplyStatusCallbackAsync(tenant, Status(account, sid, number, "completed", 3, at.AddSeconds(50), duration: 47)),
                s => s.ApplyRecordingCallbackAsync(tenant, TwilioPayloads.RecordingCallback(account, sid, recordingSid, duration: 45).AsParameters()),
            };

            // Every callback twice, all at once, shuffled: the way Twilio's retries and parallel requests really arrive.
            var deliveries = callbacks.Concat(callbacks).OrderBy(_ => Random.Shared.Next()).ToList();
            var outcomes = await Task.WhenAll(deliveries.Select(d => Task.Run(() => Run(d))));

            Assert.Equal(callbacks.Count, outcomes.Count(o => o.Outcome is WebhookOutcome.Applied or WebhookOutcome.OutOfOrder));
            Assert.Equal(callbacks.Count, outcomes.Count(o => o.Outcome == WebhookOutcome.Duplicate));
            var call = (await Run(s => s.ApplyStatusCallbackAsync(tenant, Status(account, sid, number, "completed", 3, at.AddSeconds(50), duration: 47)))).Call!;
            Assert.Equal(
                (CallStatus.Completed, (int?)47, recordingSid, (int?)45, true, true),
                (call.Status, call.DurationSeconds, call.RecordingSid, call.RecordingDurationSeconds, call.AnsweredAt is not null, call.EndedAt is not null));
            var timeline = await Run(s => s.ListEventsAsync(tenant, call.Id));
            Assert.Equal(
                ["completed", "in-progress", "inbound-answered", "recording-completed", "ringing"],
                timeline.Select(e => e.EventType).Order(StringComparer.Ordinal));
        }

        async Task<T> Run<T>(Func<CallTrackingServices, Task<T>> action)
        {
            await using var scope = services.CreateAsyncScope();
            return await action(scope.ServiceProvider.CallTracking());
        }
    }

    private static TwilioRequestParameters Status(string account, string sid, string number, string status, int sequence, DateTimeOffset at, int? duration = null) =>
        TwilioPayloads.StatusCallback(account, sid, status, sequence, Caller, number, direction: "inbound", callDuration: duration, timestamp: at).AsParameters();
}

/// <summary>Concurrent webhooks on the in-memory store.</summary>
public sealed class InMemoryConcurrentWebhookTests(InMemoryStoreHost host) : ConcurrentWebhookTests(host), IClassFixture<InMemoryStoreHost>;

/// <summary>Concurrent webhooks on SQLite.</summary>
public sealed class SqliteConcurrentWebhookTests(SqliteStoreHost host) : ConcurrentWebhookTests(host), IClassFixture<SqliteStoreHost>;

/// <summary>Concurrent webhooks on PostgreSQL: several connections, one row.</summary>
public sealed class PostgreSqlConcurrentWebhookTests(PostgreSqlStoreHost host) : ConcurrentWebhookTests(host), IClassFixture<PostgreSqlStoreHost>;
