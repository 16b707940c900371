using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MinimalCrm.Calls;
using MinimalCrm.Contacts;
using MinimalCrm.Data;
using MinimalCrm.Diagnostics;
using MinimalCrm.Setup;

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

// Call tracking. In simulator mode the SDK's REST calls go to the simulator hosted by this app under /twilio-sim.
builder.Services.AddTwilioCallTracking(options =>
{
    options.PublicBaseUrl = settings.PublicBaseUrl;
    options.EncryptionKey = settings.EncryptionKey;
    options.DefaultPhoneRegion = "US";
    if (settings.IsSimulator)
    {
        options.TwilioApiBaseUrl = new Uri(settings.PublicBaseUrl, "/twilio-sim");
    }
}).AddContactLookup<CrmContactLookup>();

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
app.MapRecordingPlayback();
app.MapCrmDiagnostics();

try
{
    await app.RunAsync();
    return 0;
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
