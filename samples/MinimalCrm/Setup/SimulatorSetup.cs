using MinimalCrm.Data;
using TwilioCallTracking;
using TwilioCallTracking.Simulator;

namespace MinimalCrm.Setup;

/// <summary>
/// Simulator mode: the simulated Twilio accounts of the demo tenants (one per tenant, like subaccounts) and where the
/// simulator lives in this app. Each tenant's number already points at this app's webhooks, as if someone had pasted
/// the URLs into the Twilio Console.
/// </summary>
public static class SimulatorSetup
{
    /// <summary>The path the simulator is mapped under.</summary>
    public const string RoutePrefix = "/twilio-sim";

    /// <summary>The first demo tenant's simulated account (its numbers can be changed with TWILIO_PHONE_NUMBER / FORWARD_PHONE_NUMBER).</summary>
    public static readonly TwilioAccountSettings Acme = new(
        "AC00000000000000000000000000000a01", "simulator-auth-token-acme-0000000001", CrmSettingsLoader.SimulatorPhoneNumber, CrmSettingsLoader.SimulatorForwardNumber);

    /// <summary>The second demo tenant's simulated account.</summary>
    public static readonly TwilioAccountSettings Globex = new(
        "AC00000000000000000000000000000b02", "simulator-auth-token-globex-000000002", "+15005550200", "+15005550299");

    /// <summary>Where the SDK's REST calls go: the simulator's Twilio API inside this app.</summary>
    public static Uri ApiBaseUrl(CrmSettings settings) => new(settings.PublicBaseUrl, RoutePrefix);

    /// <summary>Each demo tenant and its simulated account.</summary>
    public static IReadOnlyList<(string TenantId, TwilioAccountSettings Account)> Accounts(CrmSettings settings) =>
    [
        (DemoData.AcmeTenant, Acme with { PhoneNumber = settings.Twilio.PhoneNumber, ForwardToNumber = settings.Twilio.ForwardToNumber }),
        (DemoData.GlobexTenant, Globex),
    ];

    /// <summary>Whether <paramref name="accountSid"/> is one of the simulated accounts.</summary>
    public static bool IsSimulated(string accountSid) => accountSid == Acme.AccountSid || accountSid == Globex.AccountSid;

    /// <summary>Gives the simulator the demo tenants' accounts, their numbers pointing at this app's webhooks.</summary>
    public static void Configure(TwilioSimulatorOptions simulator, CrmSettings settings, TwilioCallTrackingOptions callTracking)
    {
        simulator.PublicBaseUrl = new Uri(ApiBaseUrl(settings) + "/");
        foreach (var (tenantId, account) in Accounts(settings))
        {
            var urls = new CallbackUrls(settings.PublicBaseUrl, callTracking.WebhookPathPrefix, tenantId);
            simulator.Accounts.Add(new SimulatedAccount
            {
                Sid = account.AccountSid,
                AuthToken = account.AuthToken,
                FriendlyName = $"{tenantId} (simulated)",
                PhoneNumbers = [new SimulatedPhoneNumber { PhoneNumber = account.PhoneNumber, VoiceUrl = urls.Answer, StatusCallback = urls.ConsoleStatus }],
            });
        }
    }
}
