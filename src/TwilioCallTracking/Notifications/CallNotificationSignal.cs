namespace TwilioCallTracking;

/// <summary>
/// Wakes this process's dispatcher when a change stored notifications, so that handlers hear of it at once rather than
/// at the next poll. Several signals before the dispatcher wakes count as one.
/// </summary>
internal sealed class CallNotificationSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Volatile.Read(ref _next).TrySetResult();

    /// <summary>
    /// Waits for a signal or the timeout, whichever comes first. The dispatcher looks for work after this returns: a
    /// signal given after it returned wakes the next wait, and the change it tells of was committed before that look.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = Volatile.Read(ref _next);
        try
        {
            await pending.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to poll: another process's changes wake no one here.
        }

        if (pending.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), pending);
        }
    }
}
