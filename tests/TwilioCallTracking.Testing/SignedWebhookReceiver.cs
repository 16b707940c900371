using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwilioCallTracking.Testing;

/// <summary>One delivery an outgoing webhook receiver got: its Standard Webhooks headers and raw body.</summary>
public sealed record ReceivedSignedWebhook(string? Id, string? Timestamp, string? Signature, string Body, int AnsweredStatus)
{
    /// <summary>Whether the delivery verifies with <paramref name="secret"/> at <paramref name="now"/>.</summary>
    public bool VerifiesWith(string secret, DateTimeOffset now) => WebhookSignature.Verify(secret, Id, Timestamp, Signature, Body, now);

    /// <summary>Whether the delivery verifies with <paramref name="secret"/> now, for a sender on the system clock.</summary>
    public bool IsSignedWith(string secret) => VerifiesWith(secret, DateTimeOffset.UtcNow);
}

/// <summary>
/// A receiver of outgoing webhooks on a loopback Kestrel port, as a CRM's integration would run one: it records every
/// delivery and answers the statuses it is told to, in order (then 204).
/// </summary>
public sealed class SignedWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private SignedWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The URL to subscribe, e.g. <c>http://127.0.0.1:41234/hooks/calls</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every delivery received, in order.</summary>
    public ConcurrentQueue<ReceivedSignedWebhook> Received { get; } = new();

    /// <summary>When set, a delivery waits for this before it is answered.</summary>
    public Task? HoldAnswersUntil { get; set; }

    public static async Task<SignedWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SignedWebhookReceiver(app);
        app.MapPost("/hooks/calls", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks/calls");
        return receiver;
    }

    /// <summary>Answers the next deliveries with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (HoldAnswersUntil is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        var status = _answers.TryDequeue(out var next) ? next : StatusCodes.Status204NoContent;
        var headers = context.Request.Headers;
        Received.Enqueue(new ReceivedSignedWebhook(
            headers[WebhookSignature.IdHeader], headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body, status));
        context.Response.StatusCode = status;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
