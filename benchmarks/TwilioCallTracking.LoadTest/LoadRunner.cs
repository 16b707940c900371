using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace TwilioCallTracking.LoadTest;

/// <summary>What one run at one concurrency measured.</summary>
internal sealed record LoadResult(int Concurrency, int Sent, int Completed, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<int, int> StatusCounts, int Failures)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;
}

/// <summary>
/// Posts the workload to the server with <c>concurrency</c> workers on one <see cref="SocketsHttpHandler"/>
/// (MaxConnectionsPerServer = concurrency, keep-alive), each taking the next webhook in order; bounded by the
/// workload's length and by <c>timeLimit</c>. Latency is per request, from send to the response's headers.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(Uri baseAddress, IReadOnlyList<Webhook> webhooks, int concurrency, TimeSpan timeLimit)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new long[webhooks.Count];
        var statuses = new int[webhooks.Count];
        var next = -1;
        var failures = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);
        var formType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var started = Stopwatch.GetTimestamp();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= webhooks.Count || Stopwatch.GetTimestamp() > deadline)
                    {
                        return;
                    }

                    var webhook = webhooks[i];
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook.PathAndQuery) { Content = new ByteArrayContent(webhook.Body) };
                    request.Content.Headers.ContentType = formType;
                    request.Headers.TryAddWithoutValidation("X-Twilio-Signature", webhook.Signature);
                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                        latencies[i] = Stopwatch.GetTimestamp() - t0;
                        statuses[i] = (int)response.StatusCode;
                        if (response.StatusCode != HttpStatusCode.NoContent)
                        {
                            _ = await response.Content.ReadAsByteArrayAsync();
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        latencies[i] = Stopwatch.GetTimestamp() - t0;
                        statuses[i] = -1;
                        Interlocked.Increment(ref failures);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sent = Math.Min(webhooks.Count, next);
        var done = new List<double>(sent);
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < sent; i++)
        {
            if (statuses[i] == 0)
            {
                continue;
            }

            done.Add(latencies[i] * 1000.0 / Stopwatch.Frequency);
            counts[statuses[i]] = counts.GetValueOrDefault(statuses[i]) + 1;
        }

        done.Sort();
        double P(double q) => done.Count == 0 ? double.NaN : done[Math.Min(done.Count - 1, (int)Math.Ceiling(q * done.Count) - 1)];
        return new LoadResult(concurrency, sent, done.Count, elapsed, P(0.50), P(0.95), P(0.99), done.Count == 0 ? double.NaN : done[^1], counts, failures);
    }
}
