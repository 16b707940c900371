namespace MinimalCrm.Setup;

/// <summary>The simulated Twilio accounts the demo tenants use in simulator mode (one per tenant, like subaccounts).</summary>
public static class SimulatorAccounts
{
    /// <summary>The first demo tenant's simulated account.</summary>
    public static readonly TwilioAccountSettings Acme = new(
        "AC00000000000000000000000000000a01", "simulator-auth-token-acme-0000000001", CrmSettingsLoader.SimulatorPhoneNumber, CrmSettingsLoader.SimulatorForwardNumber);

    /// <summary>The second demo tenant's simulated account.</summary>
    public static readonly TwilioAccountSettings Globex = new(
        "AC00000000000000000000000000000b02", "simulator-auth-token-globex-000000002", "+15005550200", "+15005550299");
}
