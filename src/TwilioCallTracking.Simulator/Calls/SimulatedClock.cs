namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// The simulated time of one call: it advances by the simulated length of each step, while the real wait on the
/// <see cref="TimeProvider"/> is that length times the time scale. Durations and timestamps the call reports come from
/// here, so they are the same at any scale.
/// </summary>
internal sealed class SimulatedClock(TimeProvider time, double scale)
{
    public DateTimeOffset Now { get; private set; } = time.GetUtcNow();

    /// <summary>
    /// Waits <paramref name="duration"/> of simulated time; returns <see langword="false"/> when <paramref name="stop"/>
    /// fired first, after advancing by the part that had passed.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan duration, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return false;
        }

        if (duration <= TimeSpan.Zero)
        {
            return true;
        }

        if (scale <= 0)
        {
            Now += duration;
            return true;
        }

        var started = time.GetTimestamp();
        try
        {
            await Task.Delay(duration * scale, time, stop);
            Now += duration;
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            var passed = time.GetElapsedTime(started) / scale;
            Now += passed < duration ? passed : duration;
            return false;
        }
    }
}
