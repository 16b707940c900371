using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// Somebody else's system receiving the CRM's outgoing webhooks: a small server on a loopback port (allowed in
/// Development) that answers 204 and keeps what it received.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri url, ConcurrentQueue<ReceivedWebhook> received)
    {
        _app = app;
        Url = url;
        Received = received;
    }

    /// <summary>Where it receives.</summary>
    public Uri Url { get; }

    /// <summary>What it received, in order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; }

    /// <summary>Starts a receiver.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedWebhook>();
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue(new ReceivedWebhook(
                request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(),
                await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        return new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/hooks"), received);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One delivery as received: its Standard Webhooks headers and its raw body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);
