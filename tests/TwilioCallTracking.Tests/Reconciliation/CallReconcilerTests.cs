using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Reconciliation;

public class CallReconcilerTests
{
    private const string Customer = "+14155550100";

    [Fact]
    public async Task LostCompletedCallback_IsRepairedFromTwiliosRestApi()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await StartAsync(harness);
        await Status(harness, call, "ringing", 1);
        await Status(harness, call, "in-progress", 2);
        // The completed callback never arrives; Twilio's REST API knows the truth.
        harness.Twilio.SetCall(call.TwilioCallSid!, c =>
        {
            c["status"] = "completed";
            c["duration"] = "95";
            c["start_time"] = "Tue, 24 Nov 2026 16:00:05 +0000";
            c["end_time"] = "Tue, 24 Nov 2026 16:01:40 +0000";
        });

        var early = await SweepAsync(harness);
        harness.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var due = await SweepAsync(harness);

        Assert.Equal(0, early.Claimed);
        Assert.Equal(1, due.Claimed);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal(CallStatus.Completed, stored.Status);
        Assert.Equal(95, stored.DurationSeconds);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 1, 40, TimeSpan.Zero), stored.EndedAt);
        var events = await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id);
        var reconciled = events[^1];
        Assert.Equal(CallEventTypes.Reconciled, reconciled.EventType);
        Assert.Contains("\"source\":\"rest\"", reconciled.EventData, StringComparison.Ordinal);
        Assert.Equal(["GET"], harness.Twilio.Requests.Where(r => r.Path.EndsWith($"{call.TwilioCallSid}.json", StringComparison.Ordinal)).Select(r => r.Method));
        Assert.DoesNotContain(harness.Twilio.Requests, r => r.Method == "POST" && r.Path.EndsWith("Calls.json", StringComparison.Ordinal) && r != harness.Twilio.Requests.First());
    }

    [Fact]
    public async Task LaggingPrice_IsFilledInOnALaterPass_WithBackOff()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await StartAsync(harness);
        await Status(harness, call, "completed", 3, duration: 30);
        harness.Twilio.SetCall(call.TwilioCallSid!, c => { c["status"] = "completed"; c["duration"] = "30"; });

        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var first = await SweepAsync(harness);       // price not there yet: back off 1 minute
        var tooSoon = await SweepAsync(harness);     // still backing off
        harness.Twilio.SetCall(call.TwilioCallSid!, c => { c["price"] = "-0.01300"; c["price_unit"] = "USD"; });
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await SweepAsync(harness);
        harness.Time.Advance(TimeSpan.FromHours(3));
        var done = await SweepAsync(harness);

        Assert.Equal((1, 1), (first.Claimed, first.Deferred));
        Assert.Equal(0, tooSoon.Claimed);
        Assert.Equal((1, 1, 0), (second.Claimed, second.Updated, second.Deferred));
        Assert.Equal(0, done.Claimed);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal(-0.013m, stored.Price);
        Assert.Equal("USD", stored.PriceUnit);
    }

    [Theory]
    [InlineData(429, 20429)]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    public async Task TwilioFaults_BackOffAndRetryLater_WithoutWriting(int httpStatus, int code)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await StartAsync(harness);
        harness.Time.Advance(TimeSpan.FromHours(3));
        harness.Twilio.Responder = r => r.Method == "GET" ? FakeTwilioResponse.Error(httpStatus, code, "try later") : null;
        var eventsBefore = (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Count;

        var failed = await SweepAsync(harness);
        var backingOff = await SweepAsync(harness);
        harness.Twilio.Responder = null;
        harness.Twilio.SetCall(call.TwilioCallSid!, c => { c["status"] = "no-answer"; c["duration"] = "0"; c["price"] = "0.00000"; });
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var recovered = await SweepAsync(harness);

        Assert.Equal((1, 1), (failed.Claimed, failed.Deferred));
        Assert.Equal(0, backingOff.Claimed);
        Assert.Equal(1, recovered.Updated);
        Assert.Equal(eventsBefore + 1, (await harness.Calls.ListEventsAsync(TestTenants.A.TenantId, call.Id)).Count);
        Assert.Equal(CallStatus.NoAnswer, (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!.Status);
    }

    [Fact]
    public async Task CallTwilioDoesNotKnow_IsMarkedWithAClearError_AndLeftAlone()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var call = await StartAsync(harness);
        harness.Twilio.Responder = r => r.Method == "GET" ? FakeTwilioResponse.Error(404, 20404, "The requested resource was not found") : null;
        harness.Time.Advance(TimeSpan.FromHours(3));

        var result = await SweepAsync(harness);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var later = await SweepAsync(harness);

        Assert.Equal(1, result.NotFound);
        Assert.Equal(0, later.Claimed);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal(CallStatus.Failed, stored.Status);
        Assert.Equal(20404, stored.ErrorCode);
        Assert.Contains("Twilio has no call", stored.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallStoredFromAnEarlyRecording_IsCompletedFromTwilioAtOnce()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var sid = TwilioPayloads.NewCallSid();
        harness.Twilio.SetCall(sid, c =>
        {
            c["status"] = "completed"; c["duration"] = "12"; c["from"] = "+12125550199"; c["to"] = TestTenants.A.PhoneNumber; c["direction"] = "inbound";
            c["price"] = "-0.0085"; c["price_unit"] = "USD";
        });
        await harness.Service.ApplyRecordingCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('4', 32)).AsParameters());

        var result = await SweepAsync(harness);

        Assert.Equal(1, result.Updated);
        var call = (await harness.Calls.FindBySidAsync(TestTenants.A.TenantId, sid))!;
        Assert.Equal("+12125550199", call.From);
        Assert.Equal(CallDirection.Inbound, call.Direction);
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal("RE" + new string('4', 32), call.RecordingSid);
    }

    [Fact]
    public async Task TwoSweepersAtOnce_NeverFetchTheSameCallTwice()
    {
        await using var harness = await ServiceHarness.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await StartAsync(harness);
        }

        harness.Time.Advance(TimeSpan.FromHours(3));
        using var scopeOne = harness.Provider.CreateScope();
        using var scopeTwo = harness.Provider.CreateScope();
        var results = await Task.WhenAll(
            Task.Run(() => scopeOne.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync()),
            Task.Run(() => scopeTwo.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync()));

        Assert.Equal(30, results.Sum(r => r.Claimed));
        var fetches = harness.Twilio.Requests.Where(r => r.Method == "GET").Select(r => r.Path).ToList();
        Assert.Equal(30, fetches.Count);
        Assert.Equal(30, fetches.Distinct().Count());
    }

    [Fact]
    public async Task ACallWhoseChangeFails_IsRetriedLater_AndTheSweepGoesOnWithTheOthers()
    {
        var poisoned = new PoisonableStore();
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(poisoned.Inner));
            services.Replace(ServiceDescriptor.Singleton<ICallStore>(poisoned));
        });
        var failing = await StartAsync(harness);
        var healthy = await StartAsync(harness);
        foreach (var call in new[] { failing, healthy })
        {
            await Status(harness, call, "in-progress", 2);
            harness.Twilio.SetCall(call.TwilioCallSid!, c => { c["status"] = "completed"; c["duration"] = "40"; c["price"] = "-0.01"; c["price_unit"] = "USD"; });
        }

        poisoned.FailFor = failing.TwilioCallSid;
        harness.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var first = await SweepAsync(harness);
        poisoned.FailFor = null;
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await SweepAsync(harness);

        Assert.Equal((2, 1), (first.Claimed, first.Updated));
        Assert.Equal((1, 1), (second.Claimed, second.Updated));
        Assert.Equal(CallStatus.Completed, (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, failing.Id))!.Status);
        Assert.Equal(CallStatus.Completed, (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, healthy.Id))!.Status);
    }

    [Fact]
    public async Task UnconfirmedCall_IsFoundAtTwilioAfterTheDelay_AndGetsItsSidAndStatus()
    {
        await using var harness = await ServiceHarness.StartAsync(TimingOutCreates);
        var call = await StartUnconfirmedAsync(harness);
        var sid = TwilioPayloads.NewCallSid();
        // Twilio did place it (and its callbacks were lost): it is in the account's list of calls.
        harness.Twilio.SetCall(sid, c =>
        {
            (c["to"], c["from"], c["status"], c["duration"]) = (Customer, TestTenants.A.PhoneNumber, "completed", "61");
            (c["price"], c["price_unit"]) = ("-0.02", "USD");
        }, TestTenants.A.AccountSid);

        var early = await SweepAsync(harness);
        harness.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var due = await SweepAsync(harness);

        Assert.Equal(0, early.Claimed);
        Assert.Equal((1, 1, 0), (due.Claimed, due.Updated, due.NotFound));
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal((sid, CallStatus.Completed, 61), (stored.TwilioCallSid, stored.Status, stored.DurationSeconds));
        var list = Assert.Single(harness.Twilio.Requests, r => r.Method == "GET");
        Assert.Contains("To=%2B14155550100", list.Query, StringComparison.Ordinal);
        Assert.Single(harness.Twilio.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task UnconfirmedCall_TwilioNeverPlaced_IsFailedWithAReasonThatSaysSo()
    {
        await using var harness = await ServiceHarness.StartAsync(TimingOutCreates);
        var call = await StartUnconfirmedAsync(harness);
        // A call to the same number that another stored call owns is not this one.
        var other = await StartAsync(harness, answered: true);
        harness.Twilio.SetCall(other.TwilioCallSid!, c => (c["status"], c["duration"], c["price"], c["price_unit"]) = ("completed", "9", "-0.01", "USD"));

        harness.Time.Advance(TimeSpan.FromMinutes(6));
        var swept = await SweepAsync(harness);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var later = await SweepAsync(harness);

        Assert.Equal(1, swept.NotFound);
        Assert.Equal(0, later.Claimed);
        var stored = (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!;
        Assert.Equal((CallStatus.Failed, (string?)null), (stored.Status, stored.TwilioCallSid));
        Assert.Contains("Twilio never placed this call", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, harness.Twilio.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task UnconfirmedCall_SettledByItsCallback_IsNotLookedFor()
    {
        await using var harness = await ServiceHarness.StartAsync(TimingOutCreates);
        var call = await StartUnconfirmedAsync(harness);
        await harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId,
            TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "completed", 3, TestTenants.A.PhoneNumber, Customer, callDuration: 5).AsParameters(), call.Id);
        harness.Twilio.Responder = null;

        harness.Time.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync(harness);

        Assert.DoesNotContain(harness.Twilio.Requests, r => r.Method == "GET" && r.Path.EndsWith("/Calls.json", StringComparison.Ordinal));
        Assert.Equal(CallStatus.Completed, (await harness.Calls.FindByIdAsync(TestTenants.A.TenantId, call.Id))!.Status);
    }

    private static void TimingOutCreates(IServiceCollection services) =>
        services.AddHttpClient(TwilioClientFactory.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(1));

    private static async Task<Call> StartUnconfirmedAsync(ServiceHarness harness)
    {
        harness.Twilio.Responder = r => r.Method == "POST" ? new FakeTwilioResponse(201, "{}", Delay: TimeSpan.FromSeconds(30)) : null;
        var result = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer });
        Assert.Equal(StartCallErrorKind.TwilioOutcomeUnknown, result.Error!.Kind);
        harness.Twilio.Responder = null;
        return result.Call!;
    }

    private static async Task<Call> StartAsync(ServiceHarness harness, bool answered)
    {
        var call = await StartAsync(harness);
        if (answered)
        {
            await Status(harness, call, "completed", 3, duration: 9);
        }

        return call;
    }

    /// <summary>The in-memory store, except that changes to one call fail as a broken database would.</summary>
    private sealed class PoisonableStore : ICallStore
    {
        public InMemoryCallStore Inner { get; } = new();

        public string? FailFor { get; set; }

        public Task<CallChangeResult> ChangeAsync(CallChange change, CancellationToken cancellationToken = default) =>
            FailFor is { } sid && change.CallSid == sid
                ? throw new InvalidOperationException("The database is unavailable.")
                : Inner.ChangeAsync(change, cancellationToken);

        public Task<Call?> FindByIdAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) => Inner.FindByIdAsync(tenantId, callId, cancellationToken);

        public Task<Call?> FindBySidAsync(string tenantId, string callSid, CancellationToken cancellationToken = default) => Inner.FindBySidAsync(tenantId, callSid, cancellationToken);

        public Task<IReadOnlyList<Call>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) => Inner.ListAsync(tenantId, query, cancellationToken);

        public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) => Inner.ListEventsAsync(tenantId, callId, cancellationToken);
    }

    private static async Task<Call> StartAsync(ServiceHarness harness) =>
        (await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer })).Call!;

    private static Task<WebhookResult> Status(ServiceHarness harness, Call call, string status, int seq, int? duration = null) =>
        harness.Service.ApplyStatusCallbackAsync(TestTenants.A.TenantId, TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, call.TwilioCallSid!, status, seq, TestTenants.A.PhoneNumber, Customer, callDuration: duration, timestamp: harness.Time.GetUtcNow()).AsParameters(), call.Id);

    private static async Task<ReconciliationSweepResult> SweepAsync(ServiceHarness harness)
    {
        using var scope = harness.Provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync();
    }
}
