using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// The sample's real <c>Program</c> on real Kestrel on a loopback port (the browser needs a socket), with its own
/// empty data folder, in Development and simulator mode unless told otherwise.
/// </summary>
public sealed class CrmAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    /// <summary>Creates the app with these configuration settings (environment-variable names, e.g. <c>Database:Provider</c>).</summary>
    /// <param name="settings">Configuration settings, added to (and replacing) the defaults.</param>
    /// <param name="environment">The hosting environment.</param>
    /// <param name="kestrel">
    /// Whether the app listens on a loopback port (browsers need one); <see langword="false"/> serves it in memory
    /// (<see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>), where requests may claim any scheme and host.
    /// </param>
    public CrmAppFactory(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", bool kestrel = true)
    {
        _environment = environment;
        DataFolder = Directory.CreateTempSubdirectory("minimalcrm-test-").FullName;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["DataFolder"] = DataFolder,
            // The simulator runs ten times faster than real time, so a call takes a couple of seconds.
            ["TwilioSimulator:TimeScale"] = "0.1",

            // Every browser of the test run signs in from 127.0.0.1: SignInProtectionTests check the limit on an app of their own.
            ["SignIn:PermitsPerAddress"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel();
        }
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The app's data folder (SQLite file, development key), deleted on dispose.</summary>
    public string DataFolder { get; }

    /// <summary>Starts the server (idempotent) and returns its address.</summary>
    public Uri Start()
    {
        StartServer();
        return BaseUrl;
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
