using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwilioCallTracking.Simulator;

/// <summary>
/// The simulator on its own loopback Kestrel port, for tests: <c>await using var twilio = await
/// TwilioSimulatorHost.StartAsync(o => o.Accounts.Add(account));</c> then point the SDK (or
/// <c>TwilioCallTrackingOptions.TwilioApiBaseUrl</c>) at <see cref="BaseUrl"/>. It maps the simulator in any environment
/// (<see cref="TwilioSimulatorOptions.AllowOutsideDevelopment"/>): it listens on loopback only.
/// </summary>
public sealed class TwilioSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TwilioSimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Simulator = app.Services.GetRequiredService<TwilioSimulator>();
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>; the REST API is at <c>{BaseUrl}2010-04-01/…</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The simulator: accounts, calls, inbound calls, the log.</summary>
    public TwilioSimulator Simulator { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the simulator on <c>127.0.0.1</c>.</summary>
    /// <param name="configure">Sets the options: accounts, time scale ….</param>
    /// <param name="timeProvider">The clock for every wait (e.g. a <c>FakeTimeProvider</c>); the system clock when <see langword="null"/>.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="configureServices">Changes the host's services (logging, HTTP client handlers …).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<TwilioSimulatorHost> StartAsync(
        Action<TwilioSimulatorOptions>? configure = null,
        TimeProvider? timeProvider = null,
        int port = 0,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        // A loopback test host, whatever the environment (the slim builder's default is Production).
        builder.Services.AddTwilioSimulator(o =>
        {
            o.AllowOutsideDevelopment = true;
            configure?.Invoke(o);
        });
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTwilioSimulator();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TwilioSimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
