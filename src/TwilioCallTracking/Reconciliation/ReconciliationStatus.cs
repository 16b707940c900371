namespace TwilioCallTracking;

/// <summary>
/// What the reconciliation sweeper of this process has done: when it started and when its last sweep succeeded or
/// failed. Read it to tell whether the sweeper keeps up (the sweeper health check does, with
/// <see cref="ReconciliationOptions.Interval"/>). A singleton; only the sweeper writes it.
/// </summary>
public sealed class ReconciliationStatus
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _lastSweepAt;
    private DateTimeOffset? _lastFailedSweepAt;

    internal ReconciliationStatus()
    {
    }

    /// <summary>When the sweeper started in this process; <see langword="null"/> before it starts, or when it is off.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_gate)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>When the last sweep finished without an error (each due call handled, deferred or retried later).</summary>
    public DateTimeOffset? LastSweepAt
    {
        get
        {
            lock (_gate)
            {
                return _lastSweepAt;
            }
        }
    }

    /// <summary>When the last sweep failed (the store could not be read, for example); the log says why.</summary>
    public DateTimeOffset? LastFailedSweepAt
    {
        get
        {
            lock (_gate)
            {
                return _lastFailedSweepAt;
            }
        }
    }

    internal void Started(DateTimeOffset at)
    {
        lock (_gate)
        {
            _startedAt = at;
        }
    }

    internal void Swept(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastSweepAt = at;
        }
    }

    internal void SweepFailed(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastFailedSweepAt = at;
        }
    }
}
