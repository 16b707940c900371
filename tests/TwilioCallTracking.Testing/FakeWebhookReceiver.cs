using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwilioCallTracking.Testing;

/// <summary>One outgoing webhook delivery a <see cref="FakeWebhookReceiver"/> received.</summary>
/// <param name="Id">The <c>webhook-id</c> header.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c> header.</param>
/// <param name="Signature">The <c>webhook-signature</c> header.</param>
/// <param name="Body">The raw body, as sent.</param>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string Body)
{
    /// <summary>Whether the delivery verifies with <paramref name="secret"/> now, as a receiver checks it.</summary>
    public bool IsSignedWith(string secret) => WebhookSignature.Verify(secret, Id, Timestamp, Signature, Body, DateTimeOffset.UtcNow);
}

/// <summary>
/// A CRM's webhook receiver on a loopback Kestrel port: records every delivery POSTed to <see cref="Url"/> (headers and
/// raw body) and answers 204. The sending app must allow private network URLs to reach it.
/// </summary>
public sealed class FakeWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Where to subscribe, e.g. <c>http://127.0.0.1:41234/hooks/calls</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every delivery received, in order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Starts the receiver on a free loopback port.</summary>
    public static async Task<FakeWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new FakeWebhookReceiver(app);
        app.MapPost("/hooks/calls", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks/calls");
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        Received.Enqueue(new ReceivedWebhook(
            request.Headers[WebhookSignature.IdHeader], request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body));
        return Results.NoContent();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
