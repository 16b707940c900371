using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Security;

namespace TwilioCallTracking.Simulator.Tests.Support;

/// <summary>
/// A CRM stand-in on a loopback Kestrel port: collects every webhook, checks its X-Twilio-Signature with the Twilio
/// SDK's <see cref="RequestValidator"/> (the oracle), and answers what <see cref="Respond"/> says (204 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestValidator _validator;

    private WebhookReceiver(WebApplication app, string authToken)
    {
        _app = app;
        _validator = new RequestValidator(authToken);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Answers a webhook; <see langword="null"/> means 204.</summary>
    public Func<ReceivedWebhook, Task<IResult?>>? Respond { get; set; }

    public static async Task<WebhookReceiver> StartAsync(string authToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, authToken);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    public IReadOnlyList<ReceivedWebhook> At(string path) => [.. Received.Where(r => r.Path == path)];

    public static IResult Twiml(string xml) => Results.Text(xml, "text/xml");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var parameters = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            foreach (var field in await request.ReadFormAsync())
            {
                parameters.AddRange(field.Value.Select(v => new KeyValuePair<string, string>(field.Key, v ?? string.Empty)));
            }
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        string? signature = request.Headers["X-Twilio-Signature"];
        var valid = !string.IsNullOrEmpty(signature)
            && _validator.Validate(url, parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), signature);
        var webhook = new ReceivedWebhook(request.Method, request.Path.Value ?? "/", url, parameters, signature, valid, request.Headers.Authorization);
        Received.Enqueue(webhook);
        var result = Respond is null ? null : await Respond(webhook);
        await (result ?? Results.NoContent()).ExecuteAsync(context);
    }
}
