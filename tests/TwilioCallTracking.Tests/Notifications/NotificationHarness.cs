using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Notifications;

/// <summary>Drives a harness's call flows and its notification dispatcher by hand, one pass at a time.</summary>
internal static class NotificationHarness
{
    public const string Customer = "+14155550100";

    public static CallNotificationDispatcher Dispatcher(this ServiceHarness harness) => harness.Provider.GetRequiredService<CallNotificationDispatcher>();

    public static ICallNotificationStore Outbox(this ServiceHarness harness) => harness.Provider.GetRequiredService<ICallNotificationStore>();

    /// <summary>Runs dispatcher passes until one finds nothing to do, waiting for each pass's attempts to end.</summary>
    public static async Task DispatchAllAsync(this ServiceHarness harness)
    {
        var dispatcher = harness.Dispatcher();
        for (var pass = 0; pass < 100; pass++)
        {
            var more = await dispatcher.RunOnceAsync(CancellationToken.None);
            await dispatcher.DrainAsync();
            if (!more)
            {
                return;
            }
        }

        throw new InvalidOperationException("The dispatcher still had work after 100 passes.");
    }

    public static async Task<IReadOnlyList<NotificationDelivery>> DeliveriesAsync(this ServiceHarness harness, string? tenantId = null) =>
        await harness.Outbox().ListDeliveriesAsync(tenantId ?? TestTenants.A.TenantId, new NotificationDeliveryQuery { Limit = 500 });

    /// <summary>An outbound call answered, completed after 145 s, then recorded: the seed's outbound flow.</summary>
    public static async Task<Call> OutboundCallAsync(this ServiceHarness harness, Guid? contactId = null)
    {
        var started = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = Customer, ContactId = contactId });
        var call = started.Call!;
        var sid = call.TwilioCallSid!;
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.StatusAsync(sid, "initiated", 0, call.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.StatusAsync(sid, "ringing", 1, call.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await harness.StatusAsync(sid, "in-progress", 2, call.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(145));
        await harness.StatusAsync(sid, "completed", 3, call.Id, duration: 145);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.Service.ApplyRecordingCallbackAsync(
            TestTenants.A.TenantId,
            TwilioPayloads.RecordingCallback(TestTenants.A.AccountSid, sid, "RE" + new string('c', 32), duration: 144, channels: 1, source: "OutboundAPI").AsParameters(),
            call.Id);
        return call;
    }

    public static Task<WebhookResult> StatusAsync(this ServiceHarness harness, string sid, string status, int sequence, Guid? callId = null, int? duration = null) =>
        harness.Service.ApplyStatusCallbackAsync(
            TestTenants.A.TenantId,
            TwilioPayloads.StatusCallback(TestTenants.A.AccountSid, sid, status, sequence, TestTenants.A.PhoneNumber, Customer, callDuration: duration).AsParameters(),
            callId);
}
