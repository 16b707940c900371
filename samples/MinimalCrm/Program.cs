using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimalCrm.Contacts;
using MinimalCrm.Data;
using MinimalCrm.Diagnostics;
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
    settings = CrmSettingsLoader.Load(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (CrmConfigurationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

builder.Services.AddSingleton(settings);
builder.Services.AddCrmDatabase(settings);

// Call tracking, stored by EF Core in the same database as the CRM; inbound callers are matched to contacts by number.
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
}).AddContactLookup<CrmContactLookup>();
if (settings.Database == DatabaseProvider.Postgres)
{
    callTracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(settings.ConnectionString));
}
else
{
    callTracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(settings.ConnectionString));
}

// No Twilio account configured: a simulated Twilio (REST API, calls, webhooks, recordings) runs inside the app.
if (settings.IsSimulator)
{
    builder.Services.AddTwilioSimulator();
    builder.Services.AddOptions<TwilioSimulatorOptions>().Configure<IOptions<TwilioCallTrackingOptions>>(
        (simulator, tracking) => SimulatorSetup.Configure(simulator, settings, tracking.Value));
}

// Sign-in: a cookie carrying the user's tenant in the tenant_id claim; every page needs it, the API answers 401 without.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.Cookie.Name = "minimalcrm.auth";
    options.Events.OnRedirectToLogin = context =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
});
builder.Services.AddAuthorization();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/");
    options.Conventions.AllowAnonymousToPage("/Account/Login");
});
builder.Services.AddProblemDetails();

builder.Services.AddSingleton<IPasswordHasher<CrmUser>, PasswordHasher<CrmUser>>();
builder.Services.AddScoped<ContactNames>();
builder.Services.AddScoped<NumberWebhooks>();
builder.Services.AddScoped<TwilioDiagnostics>();
builder.Services.AddScoped<DemoTwilioConfigurations>();
builder.Services.AddHostedService<CrmStartup>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler();
}

app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => TypedResults.LocalRedirect("/Contacts"));
app.MapRazorPages();
app.MapTwilioVoiceWebhooks();
app.MapCallTrackingApi().RequireAuthorization();   // also serves the recordings the players stream
if (settings.IsSimulator)
{
    app.MapTwilioSimulator(SimulatorSetup.RoutePrefix);
}

app.MapCrmDiagnostics();

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
