using System.Diagnostics;

namespace TwilioCallTracking.Testing;

/// <summary>
/// Waits for something that happens on another thread or process by polling it with a deadline: a test never sleeps a
/// fixed time, and a slow machine only makes it take longer, not fail.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition may take before the test fails: generous, for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads a value until <paramref name="done"/> holds, then returns it; fails with the last value after <see cref="Patience"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > (within ?? Patience))
            {
                throw new TimeoutException($"Still not there after {clock.Elapsed.TotalSeconds:0.#} s; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <see cref="Patience"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ValueAsync(() => Task.FromResult(condition()), static ok => ok, within);
    }
}
