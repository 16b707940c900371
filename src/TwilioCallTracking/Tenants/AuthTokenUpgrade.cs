using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TwilioCallTracking;

/// <summary>
/// Runs once when the host starts, in the host's <em>starting</em> phase: before any hosted service's
/// <see cref="IHostedService.StartAsync"/> (the server's included, so before it takes requests, and before the
/// reconciliation sweeper), whatever order or concurrency the services start with. Every stored auth token in an older
/// format (<c>v1</c>, bound to no tenant) or under a previous key, and every API key secret under a previous key, is
/// protected again for its tenant and account (and key) with the current key, through <see cref="IAuthTokenProtector.Upgrade"/>. Each row is replaced only if it did not change since
/// it was read, so a settings save made meanwhile wins. Once it ran, a key rotation is complete and the old key can
/// leave <see cref="TwilioCallTrackingOptions.PreviousEncryptionKeys"/>.
/// </summary>
/// <remarks>
/// When the store cannot be read that early (an app that migrates its database in a hosted service of its own), the
/// upgrade runs again in <see cref="StartAsync"/>, in registration order. A failure there is logged as an error and the
/// host starts anyway (a database not created yet has no token to upgrade); the tokens it did not reach stay refused
/// until a later start upgrades them. The store is resolved only when the upgrade runs, so that the host's start-up
/// validation (the EF Core provider check) reports a misconfigured store first.
/// </remarks>
internal sealed class AuthTokenUpgrade(
    IServiceProvider services, IAuthTokenProtector protector, TwilioConfigurationCache cache, ILogger<AuthTokenUpgrade> logger) : IHostedLifecycleService
{
    /// <summary>How many configurations are read at a time.</summary>
    public const int PageSize = 200;

    private bool _done;

    /// <inheritdoc/>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await UpgradeAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuthTokenUpgradeDeferred(logger, ex);
        }
    }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        try
        {
            await UpgradeAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuthTokenUpgradeFailed(logger, ex);
        }
    }

    /// <inheritdoc/>
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task UpgradeAllAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken);
        _done = true;
        Log.AuthTokensUpgraded(logger, result.Rewritten, result.Current, result.ChangedMeanwhile, result.Unreadable);
    }

    /// <summary>Rewrites every outdated token; what it found.</summary>
    public async Task<AuthTokenUpgradeResult> RunAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<TracedTwilioConfigurationStore>();
        var result = new AuthTokenUpgradeResult();
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(after, PageSize, cancellationToken);
            foreach (var configuration in page)
            {
                await UpgradeAsync(store, configuration, result, cancellationToken);
            }

            if (page.Count < PageSize)
            {
                return result;
            }

            after = page[^1].TenantId;
        }
    }

    private async Task UpgradeAsync(TracedTwilioConfigurationStore store, TwilioConfiguration configuration, AuthTokenUpgradeResult result, CancellationToken cancellationToken)
    {
        string? token;
        string? secret;
        try
        {
            token = protector.Upgrade(configuration.ProtectedAuthToken, AuthTokenOwner.For(configuration));
            secret = configuration.ProtectedApiKeySecret is { } protectedSecret && configuration.ApiKeySid is { Length: > 0 }
                ? protector.Upgrade(protectedSecret, AuthTokenOwner.ForApiKeySecret(configuration))
                : null;
        }
        catch (AuthTokenProtectionException ex)
        {
            result.Unreadable++;
            Log.AuthTokenUnreadable(logger, configuration.TenantId, ex.Message);
            return;
        }

        if (token is null && secret is null)
        {
            result.Current++;
        }
        else if (await store.ReplaceProtectedSecretsAsync(
            configuration, token ?? configuration.ProtectedAuthToken, secret ?? configuration.ProtectedApiKeySecret, cancellationToken))
        {
            result.Rewritten++;
            cache.Invalidate(configuration.TenantId, configuration.PhoneNumber);
        }
        else
        {
            // Saved (or upgraded by another host) since it was read: that write holds current secrets already.
            result.ChangedMeanwhile++;
        }
    }
}
