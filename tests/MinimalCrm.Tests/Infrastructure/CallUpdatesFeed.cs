using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TwilioCallTracking.Testing;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>The live call updates (<c>GET /calls/live</c>) as a signed-in user's client reads them, without a browser.</summary>
public sealed class CallUpdatesFeed : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly CancellationTokenSource _deadline = new(Eventually.Patience * 2);

    private CallUpdatesFeed(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _events = SseParser.Create(body).EnumerateAsync(_deadline.Token).GetAsyncEnumerator(_deadline.Token);
    }

    /// <summary>Opens the stream with <paramref name="client"/>'s sign-in, and reads its first event (<c>ready</c>: subscribed).</summary>
    public static async Task<CallUpdatesFeed> OpenAsync(HttpClient client)
    {
        var response = await SendAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new CallUpdatesFeed(response, await response.Content.ReadAsStreamAsync());
        var ready = await stream.NextAsync();
        Assert.Equal("ready", ready.EventType);
        return stream;
    }

    /// <summary>Asks for the stream; the response's headers only.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/calls/live");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next event; fails when the stream ends or nothing comes within the test's patience.</summary>
    public async Task<SseItem<string>> NextAsync()
    {
        Assert.True(await _events.MoveNextAsync(), "The event stream ended.");
        return _events.Current;
    }

    /// <summary>
    /// Reads events until those of <paramref name="types"/> about <paramref name="callId"/> all came (in any order: the
    /// dispatcher delivers notifications concurrently), and returns every event read.
    /// </summary>
    public async Task<IReadOnlyList<(SseItem<string> Event, JsonElement Data)>> ReadUntilAsync(Guid callId, params string[] types)
    {
        var read = new List<(SseItem<string>, JsonElement)>();
        var missing = new HashSet<string>(types, StringComparer.Ordinal);
        while (missing.Count > 0)
        {
            var next = await NextAsync();
            var data = JsonDocument.Parse(next.Data).RootElement.Clone();
            read.Add((next, data));
            if (data.GetProperty("callId").GetGuid() == callId)
            {
                Assert.Equal(next.EventType, data.GetProperty("type").GetString());
                missing.Remove(next.EventType);
            }
        }

        return read;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        _response.Dispose();
        _deadline.Dispose();
    }
}
