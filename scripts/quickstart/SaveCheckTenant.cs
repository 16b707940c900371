// Not part of the quick start: scripts/quickstart-check.sh adds this file next to the README's Program.cs to save the
// tenant the check's signed webhooks are for, the way an app's settings page would. ASP.NET Core runs the app
// assembly's [HostingStartup] when the host is built, so Program.cs stays exactly as README.md shows it. The tenant is
// saved when the host starts (after MigrateCallTrackingDatabaseAsync, before Kestrel takes requests).
using TwilioCallTracking;

[assembly: HostingStartup(typeof(QuickstartCheck.SaveCheckTenant))]

namespace QuickstartCheck;

/// <summary>Saves the tenant named by the CHECK_* environment variables when the host starts.</summary>
public sealed class SaveCheckTenant : IHostingStartup
{
    /// <inheritdoc/>
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddHostedService<Saver>());

    private sealed class Saver(IServiceProvider services, IConfiguration configuration) : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var errors = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(
                configuration["CHECK_TENANT_ID"]!,
                new TwilioSettings
                {
                    AccountSid = configuration["CHECK_ACCOUNT_SID"]!,
                    AuthToken = configuration["CHECK_AUTH_TOKEN"],
                    PhoneNumber = configuration["CHECK_PHONE_NUMBER"]!,
                    ForwardToNumber = configuration["CHECK_FORWARD_TO"],
                },
                cancellationToken);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The check's tenant was refused: " + string.Join("; ", errors.SelectMany(e => e.Value)));
            }

            Console.WriteLine($"quickstart-check: saved tenant {configuration["CHECK_TENANT_ID"]}");
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
