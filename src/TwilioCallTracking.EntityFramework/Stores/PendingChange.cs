namespace TwilioCallTracking.EntityFramework;

/// <summary>A caller's change waiting in the <see cref="CallChangeWriter{TContext}"/> queue, and the answer it waits for.</summary>
internal sealed class PendingChange(CallChange change)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource<CallChangeResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public CallChange Change { get; } = change;

    public Task<CallChangeResult> Result => _result.Task;

    /// <summary>A writer takes the change; false when its caller gave up waiting first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>The caller gives up; false when a writer took the change already (its answer will come).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

    public void Complete(CallChangeResult result) => _result.TrySetResult(result);

    public void Fail(Exception exception) => _result.TrySetException(exception);
}
