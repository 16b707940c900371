using System.Threading.Channels;

namespace MinimalCrm.Calls.Live;

/// <summary>
/// Hands each call update to the live pages of its tenant that are connected to this process: one bounded channel per
/// connected page (the oldest update is dropped when a page reads too slowly: any later update makes it fetch itself
/// again anyway), removed when the page disconnects. Nothing is kept for pages that are not connected.
/// </summary>
/// <remarks>
/// In process only: an update reaches the browsers connected to the instance whose notification dispatcher delivered it.
/// The sample runs one instance; with several, publish through a backplane (Redis pub/sub, PostgreSQL LISTEN/NOTIFY, …)
/// and have each instance hand what it receives to its own broadcaster.
/// </remarks>
public sealed class CallUpdateBroadcaster
{
    /// <summary>How many updates wait for one page before the oldest is dropped.</summary>
    public const int Capacity = 32;

    private static readonly BoundedChannelOptions ChannelOptions = new(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Channel<CallUpdate>>> _byTenant = new(StringComparer.Ordinal);

    /// <summary>Starts receiving <paramref name="tenantId"/>'s updates; dispose the subscription to stop.</summary>
    public CallUpdateSubscription Subscribe(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var channel = Channel.CreateBounded<CallUpdate>(ChannelOptions);
        lock (_lock)
        {
            if (!_byTenant.TryGetValue(tenantId, out var channels))
            {
                _byTenant[tenantId] = channels = [];
            }

            channels.Add(channel);
        }

        return new CallUpdateSubscription(channel.Reader, () => Remove(tenantId, channel));
    }

    /// <summary>Hands <paramref name="update"/> to every connected page of <paramref name="tenantId"/>; never waits.</summary>
    public void Publish(string tenantId, CallUpdate update)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(update);
        Channel<CallUpdate>[] channels;
        lock (_lock)
        {
            if (!_byTenant.TryGetValue(tenantId, out var subscribed))
            {
                return;
            }

            channels = [.. subscribed];
        }

        foreach (var channel in channels)
        {
            channel.Writer.TryWrite(update);
        }
    }

    /// <summary>How many pages of <paramref name="tenantId"/> are connected to this process.</summary>
    public int SubscriberCount(string tenantId)
    {
        lock (_lock)
        {
            return _byTenant.TryGetValue(tenantId, out var channels) ? channels.Count : 0;
        }
    }

    private void Remove(string tenantId, Channel<CallUpdate> channel)
    {
        lock (_lock)
        {
            if (_byTenant.TryGetValue(tenantId, out var channels) && channels.Remove(channel) && channels.Count == 0)
            {
                _byTenant.Remove(tenantId);
            }
        }

        channel.Writer.TryComplete();
    }
}
