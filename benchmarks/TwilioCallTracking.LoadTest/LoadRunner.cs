using System.Diagnostics;
using System.Net.Http.Headers;

namespace TwilioCallTracking.LoadTest;

/// <summary>What one run at one concurrency measured.</summary>
/// <param name="StatusCounts">The final answer per webhook (after retries); -1 = no answer (connection error, timeout).</param>
/// <param name="Retries">Attempts beyond the first (each one after a non-2xx answer or a connection error).</param>
/// <param name="RetriedStatusCounts">The answers that were retried, by status.</param>
internal sealed record LoadResult(
    int Concurrency, int Sent, int Completed, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyDictionary<int, int> StatusCounts, int Failures, int Retries = 0, IReadOnlyDictionary<int, int>? RetriedStatusCounts = null)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;

    public bool AllNoContent => StatusCounts.Keys.All(s => s == 204);

    /// <summary>The result of a run from each sent webhook's final status (0: never answered) and latency (timestamp ticks).</summary>
    public static LoadResult From(
        int concurrency, int sent, int[] statuses, long[] latencies, TimeSpan elapsed, int failures, int retries, IReadOnlyDictionary<int, int> retried)
    {
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
        return new LoadResult(concurrency, sent, done.Count, elapsed, P(0.50), P(0.95), P(0.99), done.Count == 0 ? double.NaN : done[^1], counts, failures,
            retries, retried.ToDictionary(p => p.Key, p => p.Value));
    }
}

/// <summary>
/// Posts the workload with <c>concurrency</c> workers on one <see cref="SocketsHttpHandler"/> (at most
/// <c>concurrency</c> keep-alive connections per host), each taking the next webhook in order; bounded by the workload's
/// length and by <c>timeLimit</c>. Like Twilio, a webhook answered with a non-2xx status (or not answered) is sent
/// again, up to <c>maxAttempts</c> times in all, after a short pause; the retries are counted. Latency is per webhook,
/// from its first send to the headers of its last answer. Requests are built from pre-made parts (absolute
/// <see cref="Uri"/>, body bytes, signature) so the generator does as little as possible per request.
/// </summary>
internal static class LoadRunner
{
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");

    public static async Task<LoadResult> RunAsync(IReadOnlyList<Webhook> webhooks, int concurrency, TimeSpan timeLimit, int maxAttempts = 5)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new HttpMessageInvoker(handler);
        var latencies = new long[webhooks.Count];
        var statuses = new int[webhooks.Count];
        var next = -1;
        var failures = 0;
        var retries = 0;
        var retried = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);

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
                    var t0 = Stopwatch.GetTimestamp();
                    for (var attempt = 1; ; attempt++)
                    {
                        var status = await SendAsync(client, webhook);
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
            });
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return LoadResult.From(concurrency, Math.Min(webhooks.Count, next), statuses, latencies, elapsed, failures, retries, retried);
    }

    // One attempt: the status code, or -1 when there was no answer.
    private static async Task<int> SendAsync(HttpMessageInvoker client, Webhook webhook)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(webhook.Body) };
        request.Content.Headers.ContentType = FormType;
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", webhook.Signature);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await client.SendAsync(request, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return -1;
        }
    }
}
