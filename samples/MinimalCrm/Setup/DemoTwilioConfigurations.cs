using MinimalCrm.Data;
using TwilioCallTracking;

namespace MinimalCrm.Setup;

/// <summary>
/// Gives the demo tenants their Twilio configuration at start. Real mode: the first tenant gets the account from the
/// environment (TWILIO_*), every start, so the environment stays the source of truth. Simulator mode: each demo tenant
/// gets a simulated account unless it already has one (changes made under Settings → Twilio are kept).
/// </summary>
public sealed class DemoTwilioConfigurations(
    CrmSettings settings, TwilioConfigurationService configurations, ITwilioConfigurationStore store, ILogger<DemoTwilioConfigurations> logger)
{
    /// <summary>Applies the configurations.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (settings.IsSimulator)
        {
            foreach (var (tenantId, account) in SimulatorSetup.Accounts(settings))
            {
                await EnsureAsync(tenantId, account, onlyIfMissing: true, cancellationToken);
            }

            return;
        }

        foreach (var tenant in new[] { DemoData.AcmeTenant, DemoData.GlobexTenant })
        {
            if (await store.FindByTenantAsync(tenant, cancellationToken) is { } existing && SimulatorSetup.IsSimulated(existing.AccountSid))
            {
                await store.DeleteAsync(tenant, cancellationToken);
                Log.SimulatorConfigurationRemoved(logger, tenant);
            }
        }

        await EnsureAsync(DemoData.AcmeTenant, settings.Twilio, onlyIfMissing: false, cancellationToken);
    }

    private async Task EnsureAsync(string tenantId, TwilioAccountSettings account, bool onlyIfMissing, CancellationToken cancellationToken)
    {
        var existing = await configurations.FindAsync(tenantId, cancellationToken);
        if (onlyIfMissing && existing is not null && existing.AccountSid == account.AccountSid)
        {
            return;
        }

        var errors = await configurations.SaveAsync(tenantId, new TwilioSettings
        {
            AccountSid = account.AccountSid,
            AuthToken = account.AuthToken,
            PhoneNumber = account.PhoneNumber,
            ForwardToNumber = account.ForwardToNumber,
            Greeting = existing?.Greeting,
            RecordingNotice = existing?.RecordingNotice,
            RecordingMode = existing?.RecordingMode ?? RecordingMode.RecordFromRingingDual,
            PublicBaseUrl = existing?.PublicBaseUrl,
        }, cancellationToken);
        if (errors.Count > 0)
        {
            throw new CrmConfigurationException(errors.SelectMany(e => e.Value.Select(m => $"Twilio configuration of tenant '{tenantId}' ({e.Key}): {m}")).ToList());
        }

        Log.TenantConfigured(logger, tenantId, account.AccountSid, account.PhoneNumber);
    }
}
