using TwilioCallTracking.Testing;

using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.OutboxHost;

/// <summary>Plays inbound calls forwarded to the rep and answered, through the webhook services as Twilio would.</summary>
public static class InboundCalls
{
    /// <summary>The notifications one played call raises.</summary>
    public const int NotificationsPerCall = 9;

    public static async Task PlayAsync(IServiceProvider services, int count)
    {
        var tenant = OutboxHostSettings.Tenant;
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var calls = scope.ServiceProvider.CallTracking();
            var parentSid = TwilioPayloads.NewCallSid();
            var childSid = TwilioPayloads.NewCallSid();
            var caller = $"+1212555{i:D4}";
            await calls.AnswerInboundCallAsync(tenant.TenantId, TwilioPayloads.InboundCall(tenant.AccountSid, parentSid, caller, tenant.PhoneNumber).AsParameters());
            var sequence = 0;
            foreach (var status in new[] { "ringing", "in-progress" })
            {
                await calls.ApplyStatusCallbackAsync(
                    tenant.TenantId,
                    TwilioPayloads.StatusCallback(tenant.AccountSid, childSid, status, sequence++, caller, tenant.ForwardToNumber, "outbound-dial", parentSid).AsParameters());
            }

            await calls.ApplyStatusCallbackAsync(
                tenant.TenantId,
                TwilioPayloads.StatusCallback(tenant.AccountSid, childSid, "completed", sequence, caller, tenant.ForwardToNumber, "outbound-dial", parentSid, callDuration: 30).AsParameters());
            await calls.ApplyStatusCallbackAsync(
                tenant.TenantId,
                TwilioPayloads.StatusCallback(tenant.AccountSid, parentSid, "completed", 0, caller, tenant.PhoneNumber, "inbound", callDuration: 35).AsParameters());
            await calls.ApplyRecordingCallbackAsync(
                tenant.TenantId, TwilioPayloads.RecordingCallback(tenant.AccountSid, parentSid, TwilioPayloads.NewSid("RE")).AsParameters());
        }
    }
}
