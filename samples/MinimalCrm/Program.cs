using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimalCrm.Accounts;
using MinimalCrm.Calls.Live;
using MinimalCrm.Contacts;
using MinimalCrm.Diagnostics;
using MinimalCrm.Observability;
using MinimalCrm.Setup;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Simulator;

var builder = WebApplication.CreateBuilder(args);

// The seed's environment variables (TWILIO_*, NEXT_PUBLIC_APP_URL, ENCRYPTION_KEY, …), checked before anything starts.
CrmSettings settings;
try
{
    settings = CrmSettingsLoader.Load(builder.Configuration, builder.Environment);
}
catch (CrmConfigurationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

builder.Services.AddSingleton(settings);
builder.Services.AddCrmDatabase(settings);

// Call tracking, stored by EF Core in the same database as the CRM; inbound callers are matched to contacts by number;
// every call notification goes to the browsers of its tenant showing the calls (live updates, GET /calls/live).
var callTracking = builder.Services.AddTwilioCallTracking(options =>
{
    options.PublicBaseUrl = settings.PublicBaseUrl;
    options.EncryptionKey = settings.EncryptionKey;
    options.DefaultPhoneRegion = "US";
    if (settings.IsSimulator)
    {
        // The SDK's REST calls go to the simulator this app hosts under /twilio-sim.
        options.TwilioApiBaseUrl = SimulatorSetup.ApiBaseUrl(settings);
    }
}).AddContactLookup<CrmContactLookup>().AddNotificationHandler<CallUpdatesHandler>();
builder.Services.AddSingleton<CallUpdateBroadcaster>();
if (settings.Database == DatabaseProvider.Postgres)
{
    callTracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(settings.ConnectionString));
}
else
{
    callTracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(settings.ConnectionString));
}

// GET /health (database, reconciliation sweeper, refused Twilio credentials); OpenTelemetry when Telemetry:Exporter is set.
builder.Services.AddHealthChecks().AddTwilioCallTracking();
builder.Services.AddCrmTelemetry(builder.Configuration);

// No Twilio account configured: a simulated Twilio (REST API, calls, webhooks, recordings) runs inside the app
// (Development only: the settings loader refuses it elsewhere, and MapTwilioSimulator() would too).
if (settings.IsSimulator)
{
    builder.Services.AddTwilioSimulator();
    builder.Services.AddOptions<TwilioSimulatorOptions>().Configure<IOptions<TwilioCallTrackingOptions>>(
        (simulator, tracking) => SimulatorSetup.Configure(simulator, settings, tracking.Value));
}

// Sign-in: a cookie carrying the user's tenant (tenant_id) and role; rate limited per address, locked out per e-mail address.
builder.Services.AddCrmAuthentication();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/");
    options.Conventions.AllowAnonymousToPage("/Account/Login");

    // The tenant's Twilio account, where its numbers send their calls, and its outgoing webhooks: administrators only.
    options.Conventions.AuthorizeFolder("/Settings", CrmPolicies.TenantAdmin);
    options.Conventions.AuthorizeFolder("/Diagnostics", CrmPolicies.TenantAdmin);
});
builder.Services.AddProblemDetails();

// Behind a TLS-terminating proxy on this machine (a tunnel such as ngrok), the request's scheme is the proxy's, so that
// HTTPS redirection does not loop. Only loopback proxies are trusted (the default KnownProxies).
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

builder.Services.AddScoped<ContactNames>();
builder.Services.AddScoped<NumberWebhooks>();
builder.Services.AddScoped<TwilioDiagnostics>();
builder.Services.AddScoped<DemoTwilioConfigurations>();
builder.Services.AddHostedService<CrmStartup>();

var app = builder.Build();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler();
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => TypedResults.LocalRedirect("/Contacts"));
app.MapRazorPages();
app.MapTwilioVoiceWebhooks();
app.MapCallTrackingApi().RequireAuthorization();   // also serves the recordings the players stream
app.MapCallUpdates();                               // GET /calls/live: the tenant's call updates as server-sent events
if (settings.IsSimulator)
{
    app.MapTwilioSimulator(SimulatorSetup.RoutePrefix);
}

app.MapCrmDiagnostics();
app.MapCrmHealth();

try
{
    // The database: call tracking's shipped migrations, then the CRM's own tables (demo data follows at start).
    await app.Services.MigrateCallTrackingDatabaseAsync();
    await app.Services.MigrateCrmDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (System.Data.Common.DbException ex)
{
    Console.Error.WriteLine(
        $"MinimalCrm cannot use its {settings.Database} database: {ex.Message}{Environment.NewLine}" +
        "Check ConnectionStrings__CallTracking (and that the server is running), or unset Database__Provider to use SQLite.");
    return 1;
}
catch (Exception ex) when (ex is OptionsValidationException or CrmConfigurationException)
{
    Console.Error.WriteLine(ex is OptionsValidationException validation
        ? "MinimalCrm cannot start. Fix the configuration:" + string.Concat(validation.Failures.Select(f => Environment.NewLine + "  - " + f))
        : ex.Message);
    return 1;
}

/// <summary>The sample's entry point (public for the browser tests' <c>WebApplicationFactory</c>).</summary>
public partial class Program;
