using Microsoft.Extensions.DependencyInjection;
using MinimalCrm.Setup;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// One inbound call to a demo tenant's number, played by the test as Twilio: its webhooks are posted to the app signed
/// with the tenant's (simulated) auth token, so the test decides when the call changes (the simulator would run it to
/// the end by itself).
/// </summary>
public sealed class SignedInboundCall
{
    private readonly CrmAppFactory _app;
    private readonly TwilioAccountSettings _account;
    private int _sequence;

    private SignedInboundCall(CrmAppFactory app, string tenantId, TwilioAccountSettings account, string from, string callSid, Guid callId)
    {
        _app = app;
        TenantId = tenantId;
        _account = account;
        From = from;
        CallSid = callSid;
        CallId = callId;
    }

    /// <summary>The tenant called.</summary>
    public string TenantId { get; }

    /// <summary>Who calls.</summary>
    public string From { get; }

    /// <summary>Twilio's SID of the call.</summary>
    public string CallSid { get; }

    /// <summary>The call's id in the CRM.</summary>
    public Guid CallId { get; }

    /// <summary>
    /// <paramref name="from"/> calls the number of <paramref name="tenantId"/> (<c>acme</c> or <c>globex</c>): Twilio asks
    /// the app's answer webhook, and the app stores the call, ringing.
    /// </summary>
    public static async Task<SignedInboundCall> StartAsync(CrmAppFactory app, string tenantId, string from)
    {
        var account = tenantId == Data.DemoData.AcmeTenant ? SimulatorSetup.Acme : SimulatorSetup.Globex;
        var callSid = TwilioPayloads.NewCallSid();
        await PostAsync(app, account, "answer", TwilioPayloads.InboundCall(account.AccountSid, callSid, from, account.PhoneNumber));
        await using var scope = app.Services.CreateAsyncScope();
        var call = await scope.ServiceProvider.GetRequiredService<ICallStore>().FindBySidAsync(tenantId, callSid)
            ?? throw new InvalidOperationException($"The answer webhook stored no call {callSid}.");
        return new SignedInboundCall(app, tenantId, account, from, callSid, call.Id);
    }

    /// <summary>Twilio reports the call's status (a status callback); <paramref name="duration"/> once it ended.</summary>
    public Task ReportAsync(string status, int? duration = null) =>
        PostAsync(_app, _account, "status", TwilioPayloads.StatusCallback(
            _account.AccountSid, CallSid, status, _sequence++, From, _account.PhoneNumber, direction: "inbound", callDuration: duration));

    private static async Task PostAsync(CrmAppFactory app, TwilioAccountSettings account, string webhook, List<KeyValuePair<string, string>> form)
    {
        using var http = new HttpClient();
        using var request = TwilioWebhookRequests.Create($"{app.BaseUrl}api/twilio/voice/{webhook}", form, account.AuthToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"The {webhook} webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
