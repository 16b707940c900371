using System.Collections.Concurrent;
using System.Diagnostics;

namespace TwilioCallTracking.Testing;

/// <summary>
/// Listens to the library's <see cref="CallTrackingActivitySource"/> (every span, all data) and keeps the spans that
/// ended. The source is process-wide and tests run in parallel: pick a test's own spans by a tag only it uses (a tenant id
/// of its own, a fresh call SID).
/// </summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CallTrackingActivitySource.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans that ended, in the order they ended.</summary>
    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <summary>The ended spans whose tag <paramref name="name"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<Activity> Tagged(string name, string value) =>
        [.. Stopped.Where(activity => activity.GetTagItem(name) as string == value)];

    public void Dispose() => _listener.Dispose();
}
