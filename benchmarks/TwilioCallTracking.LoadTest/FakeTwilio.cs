using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using TwilioCallTracking.Simulator.Calls;
using TwilioCallTracking.Simulator.Rest;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>What the fake Twilio saw of the sweepers in one level.</summary>
/// <param name="Fetches">Call fetches answered (GET …/Calls/{Sid}.json).</param>
/// <param name="Calls">Distinct calls fetched.</param>
/// <param name="Refetched">Calls fetched more than once (after a failed attempt, or a back-off).</param>
/// <param name="Overlapping">Pairs of fetches of one call SID in flight at the same moment: two claims at once.</param>
/// <param name="Unknown">Fetches of SIDs the workload does not have (answered 404).</param>
internal sealed record FetchReport(int Fetches, int Calls, int Refetched, int Overlapping, int Unknown)
{
    public override string ToString() =>
        $"fake Twilio: {Fetches:N0} fetches of {Calls:N0} calls, {Refetched:N0} fetched again later, {Overlapping} overlapping fetches of one SID, {Unknown} unknown SIDs";
}

/// <summary>
/// The loopback fake Twilio the sweepers of every host fetch calls from: <see cref="FakeTwilioServer"/> with a
/// responder that answers each registered call as Twilio would once it ended (completed, its duration, a price), after
/// <see cref="FetchTime"/> so that two fetches of one call at once would overlap visibly; and a log of each fetch's
/// start and end to find such overlaps.
/// </summary>
internal sealed class FakeTwilio : IAsyncDisposable
{
    public static readonly TimeSpan FetchTime = TimeSpan.FromMilliseconds(3);

    private readonly FakeTwilioServer _server;
    private readonly ConcurrentDictionary<string, string> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Sid, long Start)> _fetches = new();
    private int _unknown;

    private FakeTwilio(FakeTwilioServer server)
    {
        _server = server;
        server.Responder = Respond;
    }

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<FakeTwilio> StartAsync() => new(await FakeTwilioServer.StartAsync());

    /// <summary>Makes the calls known (before their webhooks are sent).</summary>
    public void Register(TestTenant tenant, IEnumerable<PlannedCall> calls)
    {
        var start = new DateTimeOffset(2026, 11, 24, 17, 0, 10, TimeSpan.Zero);
        foreach (var call in calls)
        {
            _calls[call.Sid] = JsonSerializer.Serialize(TwilioResourceJson.Call(new SimulatedCall
            {
                Sid = call.Sid,
                AccountSid = tenant.AccountSid,
                From = tenant.PhoneNumber,
                To = call.To,
                Direction = "outbound-api",
                Status = "completed",
                DateCreated = start.AddSeconds(-10),
                DateUpdated = start.AddSeconds(call.Duration),
                StartTime = start,
                AnsweredTime = start,
                EndTime = start.AddSeconds(call.Duration),
                DurationSeconds = call.Duration,
                Price = call.Price,
                PriceUnit = "USD",
            }));
        }
    }

    /// <summary>What happened since the last report (and forgets it).</summary>
    public FetchReport TakeReport()
    {
        var fetches = new List<(string Sid, long Start)>();
        while (_fetches.TryDequeue(out var fetch))
        {
            fetches.Add(fetch);
        }

        var window = (long)(FetchTime.TotalSeconds * Stopwatch.Frequency);
        int calls = 0, refetched = 0, overlapping = 0;
        foreach (var group in fetches.GroupBy(f => f.Sid, StringComparer.Ordinal))
        {
            calls++;
            var starts = group.Select(f => f.Start).Order().ToArray();
            refetched += starts.Length > 1 ? 1 : 0;
            for (var k = 1; k < starts.Length; k++)
            {
                // Each fetch is answered FetchTime after it arrived: a second one within that time ran alongside.
                overlapping += starts[k] - starts[k - 1] < window ? 1 : 0;
            }
        }

        return new FetchReport(fetches.Count, calls, refetched, overlapping, Interlocked.Exchange(ref _unknown, 0));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeTwilioResponse? Respond(RecordedTwilioRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method != "GET" || segments is not ["2010-04-01", "Accounts", _, "Calls", var file] || !file.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        var sid = file[..^5];
        if (!_calls.TryGetValue(sid, out var json))
        {
            Interlocked.Increment(ref _unknown);
            return null;
        }

        _fetches.Enqueue((sid, Stopwatch.GetTimestamp()));
        return new FakeTwilioResponse(200, json, FetchTime);
    }
}
