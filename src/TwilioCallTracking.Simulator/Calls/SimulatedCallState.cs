namespace TwilioCallTracking.Simulator.Calls;

/// <summary>The live, mutable state of one call leg; every change and read happens under its lock.</summary>
internal sealed class SimulatedCallState
{
    private readonly Lock _lock = new();
    private readonly List<string> _recordings = [];
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _status = "queued";
    private DateTimeOffset _updated;
    private DateTimeOffset? _start;
    private DateTimeOffset? _answered;
    private DateTimeOffset? _end;
    private int? _duration;
    private decimal? _price;
    private DateTimeOffset? _priceVisibleAt;

    public SimulatedCallState(string sid, string accountSid, string from, string to, string direction, DateTimeOffset created)
    {
        Sid = sid;
        AccountSid = accountSid;
        From = from;
        To = to;
        Direction = direction;
        DateCreated = created;
        _updated = created;
    }

    public string Sid { get; }

    public string AccountSid { get; }

    public string From { get; }

    public string To { get; }

    public string Direction { get; }

    public DateTimeOffset DateCreated { get; }

    public string? ParentCallSid { get; init; }

    public string? PhoneNumberSid { get; init; }

    /// <summary>Cancelled when the REST API asks to hang the call up.</summary>
    public CancellationTokenSource HangUp { get; } = new();

    /// <summary>Completes when the simulator has sent every callback of the call.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Completes when the leg reached a terminal status.</summary>
    public Task Ended => _ended.Task;

    public string Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public DateTimeOffset? AnsweredTime
    {
        get
        {
            lock (_lock)
            {
                return _answered;
            }
        }
    }

    public void SetStatus(string status, DateTimeOffset at)
    {
        lock (_lock)
        {
            _status = status;
            _updated = at;
            if (status == "ringing" || status == "in-progress")
            {
                _start ??= at;
            }

            if (status == "in-progress")
            {
                _answered ??= at;
            }
        }
    }

    public void Start(DateTimeOffset at)
    {
        lock (_lock)
        {
            _start ??= at;
            _updated = at;
        }
    }

    /// <summary>Ends the leg; the price appears at <paramref name="priceVisibleAt"/> (real time of the simulator's clock).</summary>
    public void End(string status, DateTimeOffset at, int durationSeconds, decimal? price, DateTimeOffset priceVisibleAt)
    {
        lock (_lock)
        {
            _status = status;
            _updated = at;
            _end = at;
            _duration = durationSeconds;
            _price = price;
            _priceVisibleAt = priceVisibleAt;
        }

        _ended.TrySetResult();
    }

    public void AddRecording(string recordingSid)
    {
        lock (_lock)
        {
            _recordings.Add(recordingSid);
        }
    }

    public void MarkFinished()
    {
        _ended.TrySetResult();
        _finished.TrySetResult();
    }

    public SimulatedCall Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            return new SimulatedCall
            {
                Sid = Sid,
                AccountSid = AccountSid,
                ParentCallSid = ParentCallSid,
                From = From,
                To = To,
                Direction = Direction,
                Status = _status,
                PhoneNumberSid = PhoneNumberSid,
                DateCreated = DateCreated,
                DateUpdated = _updated,
                StartTime = _start,
                AnsweredTime = _answered,
                EndTime = _end,
                DurationSeconds = _duration,
                Price = _priceVisibleAt is { } visible && now >= visible ? _price : null,
                RecordingSids = [.. _recordings],
            };
        }
    }
}
