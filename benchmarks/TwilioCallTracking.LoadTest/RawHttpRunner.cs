using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// <c>--driver raw</c>: like <see cref="LoadRunner"/> (same workers, order, time limit, retries
/// and latency), but each request is pre-built as the bytes of an HTTP/1.1 request (request line, Host, Content-Type,
/// X-Twilio-Signature, Content-Length, body) and written to a plain keep-alive <see cref="Socket"/> that the worker owns
/// (one per host), and only the response's status line and framing headers are parsed. Written when wrk showed that the
/// <see cref="HttpClient"/> generator, not the server, limits the HTTP-only modes; it turned out no faster on this
/// machine (the cost is the .NET async per request on shared cores, not HttpClient), so wrk is the answer for those
/// modes and this stays as an option (see docs/benchmarks.md).
/// </summary>
internal static class RawHttpRunner
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<Webhook> webhooks, int concurrency, TimeSpan timeLimit, int maxAttempts = 5)
    {
        var requests = new byte[webhooks.Count][];
        Parallel.For(0, webhooks.Count, i => requests[i] = Build(webhooks[i]));
        var endpoints = webhooks.Select(w => w.Host).Distinct().ToDictionary(h => h, h =>
        {
            var url = webhooks.First(w => w.Host == h).Url;
            return new IPEndPoint(IPAddress.Parse(url.Host), url.Port);
        });

        var latencies = new long[webhooks.Count];
        var statuses = new int[webhooks.Count];
        var next = -1;
        var failures = 0;
        var retries = 0;
        var retried = new ConcurrentDictionary<int, int>();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);

        var started = Stopwatch.GetTimestamp();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var connections = new Dictionary<int, Connection>();
                try
                {
                    while (true)
                    {
                        var i = Interlocked.Increment(ref next);
                        if (i >= webhooks.Count || Stopwatch.GetTimestamp() > deadline)
                        {
                            return;
                        }

                        var host = webhooks[i].Host;
                        var t0 = Stopwatch.GetTimestamp();
                        for (var attempt = 1; ; attempt++)
                        {
                            if (!connections.TryGetValue(host, out var connection) || connection.Broken)
                            {
                                connection?.Dispose();
                                connections[host] = connection = new Connection(endpoints[host]);
                            }

                            var status = await connection.SendAsync(requests[i]);
                            if ((status is >= 200 and < 300) || attempt >= maxAttempts)
                            {
                                latencies[i] = Stopwatch.GetTimestamp() - t0;
                                statuses[i] = status;
                                if (status < 0)
                                {
                                    Interlocked.Increment(ref failures);
                                }

                                break;
                            }

                            Interlocked.Increment(ref retries);
                            retried.AddOrUpdate(status, 1, static (_, c) => c + 1);
                            await Task.Delay(5 * attempt);
                        }
                    }
                }
                finally
                {
                    foreach (var connection in connections.Values)
                    {
                        connection.Dispose();
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return LoadResult.From(concurrency, Math.Min(webhooks.Count, next), statuses, latencies, elapsed, failures, retries, retried);
    }

    private static byte[] Build(Webhook webhook)
    {
        var head = Encoding.ASCII.GetBytes(
            $"POST {webhook.PathAndQuery} HTTP/1.1\r\nHost: {webhook.Url.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"X-Twilio-Signature: {webhook.Signature}\r\nContent-Length: {webhook.Body.Length}\r\n\r\n");
        return [.. head, .. webhook.Body];
    }

    /// <summary>One keep-alive HTTP/1.1 connection: one request at a time, the answer's status, the body skipped.</summary>
    private sealed class Connection(IPEndPoint endpoint) : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private readonly byte[] _buffer = new byte[16 * 1024];
        private readonly CancellationTokenSource _timeout = new();
        private Socket? _socket;
        private int _start;
        private int _end;

        public bool Broken { get; private set; }

        public async Task<int> SendAsync(byte[] request)
        {
            try
            {
                if (!_timeout.TryReset())
                {
                    Broken = true;
                    return -1;
                }

                _timeout.CancelAfter(Timeout);
                if (_socket is null)
                {
                    _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await _socket.ConnectAsync(endpoint, _timeout.Token);
                }

                await _socket.SendAsync(request, SocketFlags.None, _timeout.Token);
                return await ReceiveAsync();
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException or FormatException or InvalidDataException)
            {
                Broken = true;
                return -1;
            }
        }

        public void Dispose()
        {
            _socket?.Dispose();
            _timeout.Dispose();
        }

        // Status line and headers; then Content-Length bytes or chunks; "Connection: close" ends the connection.
        private async Task<int> ReceiveAsync()
        {
            int headerEnd;
            while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                await FillAsync();
            }

            var head = _buffer.AsSpan(_start, headerEnd + 4);
            if (head.Length < 12 || !Utf8Parser.TryParse(head[9..12], out int status, out _))
            {
                throw new InvalidDataException("Not an HTTP/1.1 response.");
            }

            long length = 0;
            var chunked = false;
            var close = false;
            foreach (var range in head.Split("\r\n"u8))
            {
                var line = head[range];
                var colon = line.IndexOf((byte)':');
                if (colon <= 0)
                {
                    continue;
                }

                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    if (!Utf8Parser.TryParse(value, out length, out _))
                    {
                        throw new InvalidDataException("Bad Content-Length.");
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    chunked = value.IndexOf("chunked"u8) >= 0;
                }
                else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
                {
                    close = Ascii.EqualsIgnoreCase(value, "close"u8);
                }
            }

            _start += head.Length;
            if (chunked)
            {
                while (true)
                {
                    int lineEnd;
                    while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
                    {
                        await FillAsync();
                    }

                    var sizeText = _buffer.AsSpan(_start, lineEnd);
                    var semicolon = sizeText.IndexOf((byte)';');
                    if (!Utf8Parser.TryParse(semicolon >= 0 ? sizeText[..semicolon] : sizeText, out int size, out _, 'x'))
                    {
                        throw new InvalidDataException("Bad chunk size.");
                    }

                    _start += lineEnd + 2;
                    await SkipAsync(size + 2);
                    if (size == 0)
                    {
                        break;
                    }
                }
            }
            else
            {
                await SkipAsync(length);
            }

            if (close)
            {
                Broken = true;
            }

            return status;
        }

        private async Task SkipAsync(long count)
        {
            while (count > 0)
            {
                if (_start == _end)
                {
                    await FillAsync();
                }

                var take = (int)Math.Min(count, _end - _start);
                _start += take;
                count -= take;
            }
        }

        private async Task FillAsync()
        {
            if (_start > 0)
            {
                // Keep what is unread at the front.
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("Response headers too large.");
            }

            var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, _timeout.Token);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            _end += read;
        }
    }
}
