namespace TwilioCallTracking.Simulator.Diagnostics;

/// <summary>
/// What the simulator sent and received, newest last, bounded by <see cref="TwilioSimulatorOptions.MaxLogEntries"/>:
/// every webhook delivery attempt (URL, parameters, signature, answer) and every REST request.
/// </summary>
public sealed class TwilioSimulatorLog
{
    private readonly Lock _lock = new();
    private readonly Queue<SimulatorWebhookRecord> _webhooks = new();
    private readonly Queue<SimulatorApiRequestRecord> _requests = new();
    private readonly int _capacity;

    internal TwilioSimulatorLog(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>Raised after a webhook delivery attempt was recorded (on the sending thread).</summary>
    public event Action<SimulatorWebhookRecord>? WebhookRecorded;

    /// <summary>Every webhook delivery attempt kept, oldest first.</summary>
    public IReadOnlyList<SimulatorWebhookRecord> Webhooks
    {
        get
        {
            lock (_lock)
            {
                return [.. _webhooks];
            }
        }
    }

    /// <summary>Every REST request kept, oldest first.</summary>
    public IReadOnlyList<SimulatorApiRequestRecord> ApiRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The webhook deliveries about one call (any leg's SID), oldest first.</summary>
    public IReadOnlyList<SimulatorWebhookRecord> WebhooksFor(string callSid) => [.. Webhooks.Where(w => w.CallSid == callSid)];

    /// <summary>Forgets everything recorded.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _webhooks.Clear();
            _requests.Clear();
        }
    }

    internal void Add(SimulatorWebhookRecord record)
    {
        lock (_lock)
        {
            Enqueue(_webhooks, record);
        }

        WebhookRecorded?.Invoke(record);
    }

    internal void Add(SimulatorApiRequestRecord record)
    {
        lock (_lock)
        {
            Enqueue(_requests, record);
        }
    }

    private void Enqueue<T>(Queue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > _capacity)
        {
            queue.Dequeue();
        }
    }
}
