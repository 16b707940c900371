using Microsoft.AspNetCore.Identity;
using MinimalCrm.Data;

namespace MinimalCrm.Setup;

/// <summary>
/// Runs before the app takes requests (after the migrations): in Development, adds the demo data (tenants, contacts, an
/// administrator and a rep per tenant); gives the demo tenants their Twilio configuration.
/// </summary>
public sealed class CrmStartup(IServiceScopeFactory scopes, CrmSettings settings, IHostEnvironment environment, ILogger<CrmStartup> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var note in settings.Notes)
        {
            Log.Note(logger, note);
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        if (!environment.IsDevelopment())
        {
            // The demo users share a published password: they are never added here, and cannot sign in (CrmSignIn).
            Log.NoDemoData(logger, environment.EnvironmentName);
        }
        else if (await DemoData.SeedAsync(db, services.GetRequiredService<IPasswordHasher<CrmUser>>(), services.GetRequiredService<TimeProvider>(), cancellationToken))
        {
            Log.DemoDataSeeded(logger);
        }

        await services.GetRequiredService<DemoTwilioConfigurations>().ApplyAsync(cancellationToken);
        Log.Started(logger, settings.Mode, settings.Database, settings.PublicBaseUrl);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
