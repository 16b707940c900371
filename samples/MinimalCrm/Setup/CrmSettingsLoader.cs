using MinimalCrm.Diagnostics;
using TwilioCallTracking;

namespace MinimalCrm.Setup;

/// <summary>
/// Reads the CRM's settings from configuration (environment variables included) and checks them, so that a bad
/// setting stops the start with a message that says what to fix instead of failing on the first call.
/// </summary>
/// <remarks>
/// Variables (the seed's names): <c>TWILIO_ACCOUNT_SID</c> + <c>TWILIO_AUTH_TOKEN</c> switch to real mode, which then needs
/// <c>TWILIO_PHONE_NUMBER</c> (E.164), <c>NEXT_PUBLIC_APP_URL</c> (absolute https) and <c>ENCRYPTION_KEY</c>;
/// <c>FORWARD_PHONE_NUMBER</c> is where inbound calls ring. <c>Database__Provider</c> (<c>Sqlite</c> or <c>Postgres</c>),
/// <c>ConnectionStrings__CallTracking</c> and <c>DataFolder</c> choose the storage. Outside Development the simulator is
/// refused (set the <c>TWILIO_*</c> variables) and <c>NEXT_PUBLIC_APP_URL</c> must be https on a public host.
/// </remarks>
public static class CrmSettingsLoader
{
    /// <summary>The Twilio number of the first demo tenant in simulator mode, unless <c>TWILIO_PHONE_NUMBER</c> says otherwise.</summary>
    public const string SimulatorPhoneNumber = "+15005550100";

    /// <summary>Where the first demo tenant's inbound calls ring in simulator mode, unless <c>FORWARD_PHONE_NUMBER</c> says otherwise.</summary>
    public const string SimulatorForwardNumber = "+15005550199";

    private const int MinimumKeyLength = 32;

    /// <summary>Reads and checks the settings; throws <see cref="CrmConfigurationException"/> listing every problem.</summary>
    /// <param name="configuration">The app's configuration (environment variables, appsettings, command line).</param>
    /// <param name="environment">
    /// The app's environment: the simulator and local public URLs are for Development only; the default data folder is
    /// <c>App_Data</c> under its content root.
    /// </param>
    public static CrmSettings Load(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var notes = new List<string>();
        var isDevelopment = environment.IsDevelopment();

        var accountSid = Value(configuration, "TWILIO_ACCOUNT_SID");
        var authToken = Value(configuration, "TWILIO_AUTH_TOKEN");
        var mode = accountSid is null && authToken is null ? TwilioMode.Simulator : TwilioMode.Real;
        if (mode == TwilioMode.Simulator && !isDevelopment)
        {
            problems.Add(
                $"No Twilio account is configured, and the built-in Twilio simulator runs only in Development (this is '{environment.EnvironmentName}'): " +
                "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER, NEXT_PUBLIC_APP_URL and ENCRYPTION_KEY to use real Twilio, " +
                "or run with ASPNETCORE_ENVIRONMENT=Development to use the simulator.");
        }
        else if (mode == TwilioMode.Real && (accountSid is null || authToken is null))
        {
            problems.Add("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together: set both (Twilio Console → Account info) for real Twilio, or neither to use the built-in simulator.");
        }
        else if (mode == TwilioMode.Real && !TwilioSids.IsAccountSid(accountSid))
        {
            problems.Add($"TWILIO_ACCOUNT_SID must be 'AC' followed by 32 hex digits (Twilio Console → Account info); it is '{accountSid}'.");
        }

        var phoneNumber = Value(configuration, "TWILIO_PHONE_NUMBER");
        if (phoneNumber is null && mode == TwilioMode.Real)
        {
            problems.Add("TWILIO_PHONE_NUMBER is required with real Twilio: your Twilio number in E.164, e.g. +18339490539.");
        }
        else if (phoneNumber is not null && !TwilioSids.IsE164(phoneNumber))
        {
            problems.Add($"TWILIO_PHONE_NUMBER must be in E.164 ('+', country code, number, digits only, e.g. +18339490539); it is '{phoneNumber}'.");
        }

        var forwardNumber = Value(configuration, "FORWARD_PHONE_NUMBER");
        if (forwardNumber is not null && !TwilioSids.IsE164(forwardNumber))
        {
            problems.Add($"FORWARD_PHONE_NUMBER must be in E.164 (e.g. +14155550123: your own phone); it is '{forwardNumber}'.");
        }

        var publicBaseUrl = PublicBaseUrl(configuration, mode, isDevelopment, problems);
        var dataFolder = Path.GetFullPath(Value(configuration, "DataFolder") ?? "App_Data", environment.ContentRootPath);
        var (database, connectionString) = Database(configuration, dataFolder, problems);

        var encryptionKey = Value(configuration, "ENCRYPTION_KEY");
        if (encryptionKey is null && mode == TwilioMode.Real)
        {
            problems.Add("ENCRYPTION_KEY is required with real Twilio: 32+ random characters that encrypt the auth token at rest ('openssl rand -base64 32' makes one).");
        }
        else if (encryptionKey is { Length: < MinimumKeyLength })
        {
            problems.Add($"ENCRYPTION_KEY is {encryptionKey.Length} characters: use at least {MinimumKeyLength} random characters ('openssl rand -base64 32' makes one).");
        }

        if (problems.Count > 0)
        {
            throw new CrmConfigurationException(problems);
        }

        CreateDataFolder(dataFolder);
        if (encryptionKey is null)
        {
            encryptionKey = DevelopmentKeyFile.ReadOrCreate(dataFolder, out var created);
            var path = Path.Combine(dataFolder, DevelopmentKeyFile.FileName);
            notes.Add(created
                ? $"Generated a development ENCRYPTION_KEY in {path} (simulator mode only; set ENCRYPTION_KEY for real use)."
                : $"Using the development ENCRYPTION_KEY kept in {path} (simulator mode only).");
        }

        return new CrmSettings
        {
            Mode = mode,
            PublicBaseUrl = publicBaseUrl!,
            EncryptionKey = encryptionKey,
            Twilio = mode == TwilioMode.Real
                ? new TwilioAccountSettings(accountSid!, authToken!, phoneNumber!, forwardNumber)
                : new TwilioAccountSettings(string.Empty, string.Empty, phoneNumber ?? SimulatorPhoneNumber, forwardNumber ?? SimulatorForwardNumber),
            DataFolder = dataFolder,
            Database = database,
            ConnectionString = connectionString,
            Notes = notes,
        };
    }

    private static Uri? PublicBaseUrl(IConfiguration configuration, TwilioMode mode, bool isDevelopment, List<string> problems)
    {
        if (Value(configuration, "NEXT_PUBLIC_APP_URL") is { } configured)
        {
            if (!Uri.TryCreate(configured.TrimEnd('/'), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"NEXT_PUBLIC_APP_URL must be an absolute URL such as https://crm.example.com or your tunnel's https URL; it is '{configured}'.");
                return null;
            }

            if (!isDevelopment && NotPublicHttps(url) is { } why)
            {
                problems.Add(
                    $"NEXT_PUBLIC_APP_URL must be an absolute https URL on a public host outside Development (Twilio calls it from the internet, and " +
                    $"callbacks are built from it); it is '{configured}', and {why}. Set your domain (https://crm.example.com) or your tunnel's https URL, " +
                    "or run with ASPNETCORE_ENVIRONMENT=Development for local work.");
            }
            else if (mode == TwilioMode.Real && url.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"NEXT_PUBLIC_APP_URL must be https with real Twilio (Twilio calls it from the internet; a tunnel such as ngrok gives one); it is '{configured}'.");
            }

            return url;
        }

        if (mode == TwilioMode.Real)
        {
            problems.Add("NEXT_PUBLIC_APP_URL is required with real Twilio: the public https address Twilio calls back (your domain, or a tunnel's URL for local testing).");
            return null;
        }

        // The simulator runs inside the app: the app's own address is where it calls back.
        var urls = Value(configuration, "urls") ?? "http://localhost:5000";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var host = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(host, UriKind.Absolute, out var own) || own.Port == 0)
        {
            problems.Add($"The app listens on '{first}', so the simulator cannot know where to call back: listen on a fixed port (--urls http://localhost:5080) or set NEXT_PUBLIC_APP_URL.");
            return null;
        }

        return new Uri(own.GetLeftPart(UriPartial.Authority));
    }

    private static (DatabaseProvider, string) Database(IConfiguration configuration, string dataFolder, List<string> problems)
    {
        var provider = DatabaseProvider.Sqlite;
        if (Value(configuration, "Database:Provider") is { } name && !Enum.TryParse(name, ignoreCase: true, out provider))
        {
            problems.Add($"Database__Provider must be Sqlite (the default) or Postgres; it is '{name}'.");
        }

        var connectionString = configuration.GetConnectionString("CallTracking") is { Length: > 0 } configured ? configured : null;
        if (connectionString is null && provider == DatabaseProvider.Postgres)
        {
            problems.Add("Database__Provider=Postgres needs ConnectionStrings__CallTracking, e.g. 'Host=localhost;Database=minimalcrm;Username=crm;Password=…'.");
        }

        return (provider, connectionString ?? $"Data Source={Path.Combine(dataFolder, "minimalcrm.db")}");
    }

    // Why Twilio, on the internet, could not (safely) call url: plain http, or a host only this machine or network knows.
    private static string? NotPublicHttps(Uri url) =>
        url.Scheme != Uri.UriSchemeHttps ? "it is plain http"
        : PublicAddress.WhyUnreachable(url) is { } reason ? reason
        : null;

    // A new data folder (the SQLite file, the development key) is the app user's alone on Unix.
    private static void CreateDataFolder(string dataFolder)
    {
        if (OperatingSystem.IsWindows() || Directory.Exists(dataFolder))
        {
            Directory.CreateDirectory(dataFolder);
            return;
        }

        Directory.CreateDirectory(dataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string? Value(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
