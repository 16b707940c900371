using System.Collections.Concurrent;
using System.Diagnostics;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// <c>--diagnose</c>: counts EF Core's diagnostic events (query compilations, commands, connections, transactions)
/// during the run, so the work per webhook can be read off: e.g. commands / webhooks = round trips per webhook.
/// </summary>
internal sealed class EfEventCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public EfEventCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public void Reset() => _counts.Clear();

    public IEnumerable<(string Name, long Count)> Counts => _counts.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value));

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value) => _counts.AddOrUpdate(value.Key, 1, static (_, c) => c + 1);

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
