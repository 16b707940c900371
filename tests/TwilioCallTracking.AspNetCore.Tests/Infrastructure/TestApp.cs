using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Infrastructure;

/// <summary>How a <see cref="TestApp"/> is built.</summary>
public sealed class TestAppOptions
{
    /// <summary>Serve over a real Kestrel socket on loopback instead of the in-memory TestServer.</summary>
    public bool UseKestrel { get; set; }

    /// <summary>The app-wide public base URL (<c>TwilioCallTracking:PublicBaseUrl</c>).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Where the Twilio SDK sends REST requests; default the fake Twilio server.</summary>
    public Uri? TwilioApiBaseUrl { get; set; }

    public Action<TwilioWebhookOptions>? Webhooks { get; set; }

    public Action<CallTrackingApiOptions>? Api { get; set; }

    public Action<WebApplicationBuilder>? Services { get; set; }

    /// <summary>Middleware that runs before routing (forwarded headers, antiforgery…).</summary>
    public Action<WebApplication>? Middleware { get; set; }

    /// <summary>Endpoints the app adds to the webhook group.</summary>
    public Action<RouteGroupBuilder>? WebhookGroup { get; set; }

    /// <summary>Endpoints the app maps besides the webhooks and the call API (another API of the package, say).</summary>
    public Action<WebApplication>? Endpoints { get; set; }
}

/// <summary>
/// A real ASP.NET Core app with TwilioCallTracking: <c>AddTwilioCallTracking()</c>, <c>MapTwilioVoiceWebhooks()</c>,
/// <c>MapCallTrackingApi()</c>, in-memory stores, the real Twilio SDK talking HTTP to a <see cref="FakeTwilioServer"/>.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, HttpClient client, FakeTwilioServer twilio)
    {
        App = app;
        Client = client;
        Twilio = twilio;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeTwilioServer Twilio { get; }

    public IServiceProvider Services => App.Services;

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    /// <summary>The tenants' contacts, as the host CRM would know them.</summary>
    public TestContactDirectory Contacts => App.Services.GetRequiredService<TestContactDirectory>();

    public static async Task<TestApp> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var options = new TestAppOptions();
        configure?.Invoke(options);
        var twilio = await FakeTwilioServer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (options.UseKestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Services.AddAuthentication(TestAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddTwilioCallTracking(o =>
        {
            o.EncryptionKey = TestKeys.EncryptionKey;
            // The tests' Kestrel listens on loopback http; a production app's URLs must be public https.
            o.AllowPrivateNetworkUrls = true;
            o.PublicBaseUrl = options.PublicBaseUrl;
            o.TwilioApiBaseUrl = options.TwilioApiBaseUrl ?? twilio.BaseUrl;
        });
        TestContactDirectory.Register(builder.Services);
        options.Services?.Invoke(builder);

        var app = builder.Build();
        options.Middleware?.Invoke(app);
        var webhooks = app.MapTwilioVoiceWebhooks(options.Webhooks);
        options.WebhookGroup?.Invoke(webhooks);
        app.MapCallTrackingApi(configure: options.Api);
        options.Endpoints?.Invoke(app);
        await app.StartAsync();

        HttpClient client;
        if (options.UseKestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address + "/") };
        }
        else
        {
            client = app.GetTestClient();
        }

        return new TestApp(app, client, twilio);
    }

    /// <summary>Saves the tenant's Twilio settings through the library's own service (the token is encrypted at rest).</summary>
    public async Task<TestTenant> AddTenantAsync(TestTenant tenant, Uri? publicBaseUrl = null)
    {
        using var scope = Services.CreateScope();
        var errors = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(
            tenant.TenantId, tenant.Settings with { PublicBaseUrl = publicBaseUrl });
        Assert.Empty(errors);
        return tenant;
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this app.</summary>
    public string Url(string pathAndQuery) => new Uri(Client.BaseAddress!, pathAndQuery).ToString();

    /// <summary>
    /// Posts what Twilio posts to <paramref name="url"/> (absolute, or a path on this app), signed with
    /// <paramref name="authToken"/> over <paramref name="signedUrl"/> (the URL configured at Twilio; default the URL posted to).
    /// When <paramref name="url"/> is another host (a public URL), the request goes to this app with its path and query.
    /// </summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string url, IEnumerable<KeyValuePair<string, string>> form, string? authToken, string? signedUrl = null)
    {
        var absolute = new Uri(url, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(url) : new Uri(Client.BaseAddress!, url);
        var target = new Uri(Client.BaseAddress!, absolute.PathAndQuery);
        var request = TwilioWebhookRequests.Create(target.ToString(), form, authToken, signedUrl ?? absolute.ToString());
        return Client.SendAsync(request);
    }

    /// <summary>Sends a call API request as <paramref name="userId"/> of <paramref name="tenantId"/> (anonymous when both are null).</summary>
    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string? tenantId, string? userId = "user-1", object? json = null) =>
        Client.SendAsync(ApiRequest(method, path, tenantId, userId, json is null ? null : JsonContent.Create(json)));

    /// <summary>A call API request signed in as <paramref name="userId"/>, with the tenant in <paramref name="tenantClaim"/>.</summary>
    public static HttpRequestMessage ApiRequest(
        HttpMethod method, string path, string? tenantId, string? userId = "user-1", HttpContent? content = null, string tenantClaim = "tenant_id")
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (userId is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.UserHeader, userId);
        }

        if (tenantId is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.ClaimsHeader, $"{tenantClaim}={tenantId}");
        }

        return request;
    }

    /// <summary>Every call (child legs included) and event stored for the tenants.</summary>
    public async Task<(int Calls, int Events)> CountAsync(params string[] tenantIds)
    {
        var store = Services.GetRequiredService<ICallStore>();
        var calls = 0;
        var events = 0;
        foreach (var tenantId in tenantIds)
        {
            var all = await store.ListAsync(tenantId, new CallQuery { PageSize = CallQuery.MaxPageSize, IncludeChildLegs = true });
            calls += all.Count;
            foreach (var call in all)
            {
                events += (await store.ListEventsAsync(tenantId, call.Id)).Count;
            }
        }

        return (calls, events);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
