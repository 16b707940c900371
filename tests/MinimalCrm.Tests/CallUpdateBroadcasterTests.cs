using MinimalCrm.Calls.Live;

namespace MinimalCrm.Tests;

public sealed class CallUpdateBroadcasterTests
{
    private static CallUpdate Update(int n) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), "call.ringing", $"status-{n}", null, DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public void Publish_ReachesEverySubscriberOfTheTenant_AndNoOther()
    {
        var broadcaster = new CallUpdateBroadcaster();
        using var acme1 = broadcaster.Subscribe("acme");
        using var acme2 = broadcaster.Subscribe("acme");
        using var globex = broadcaster.Subscribe("globex");

        broadcaster.Publish("acme", Update(1));

        Assert.True(acme1.Updates.TryRead(out var first) && first.Status == "status-1");
        Assert.True(acme2.Updates.TryRead(out var second) && second.Status == "status-1");
        Assert.False(globex.Updates.TryRead(out _));
    }

    [Fact]
    public void SlowSubscriber_KeepsTheNewestUpdates_UpToItsCapacity()
    {
        var broadcaster = new CallUpdateBroadcaster();
        using var slow = broadcaster.Subscribe("acme");

        for (var n = 1; n <= CallUpdateBroadcaster.Capacity + 10; n++)
        {
            broadcaster.Publish("acme", Update(n));
        }

        var kept = new List<string?>();
        while (slow.Updates.TryRead(out var update))
        {
            kept.Add(update.Status);
        }

        Assert.Equal(Enumerable.Range(11, CallUpdateBroadcaster.Capacity).Select(n => $"status-{n}"), kept);
    }

    [Fact]
    public void Disposing_Unsubscribes_AndCompletesTheUpdates()
    {
        var broadcaster = new CallUpdateBroadcaster();
        var subscription = broadcaster.Subscribe("acme");
        Assert.Equal(1, broadcaster.SubscriberCount("acme"));

        subscription.Dispose();
        subscription.Dispose();
        broadcaster.Publish("acme", Update(1));

        Assert.Equal(0, broadcaster.SubscriberCount("acme"));
        Assert.True(subscription.Updates.Completion.IsCompleted);
        Assert.False(subscription.Updates.TryRead(out _));
    }
}
