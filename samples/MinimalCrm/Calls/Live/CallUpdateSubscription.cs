using System.Threading.Channels;

namespace MinimalCrm.Calls.Live;

/// <summary>One connected page's updates (from <see cref="CallUpdateBroadcaster.Subscribe"/>); disposing it unsubscribes.</summary>
public sealed class CallUpdateSubscription : IDisposable
{
    private Action? _unsubscribe;

    internal CallUpdateSubscription(ChannelReader<CallUpdate> updates, Action unsubscribe)
    {
        Updates = updates;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The updates, oldest first; completed once unsubscribed.</summary>
    public ChannelReader<CallUpdate> Updates { get; }

    /// <summary>Stops receiving updates (idempotent).</summary>
    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
