using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Notifications;

/// <summary>In-process handlers: each gets each notification once, after the change, and none of them can disturb the webhook.</summary>
public class CallNotificationHandlerTests
{
    [Fact]
    public async Task EveryHandler_ReceivesEachNotificationOfACall_ExactlyOnce()
    {
        var handler = new Mock<ICallNotificationHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var recorded = new RecordedNotifications();
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.AddScoped(_ => handler.Object);
            services.AddSingleton(recorded);
            services.AddTwilioCallTracking().AddNotificationHandler<RecordingHandler>();
        });

        await harness.OutboundCallAsync();
        await harness.DispatchAllAsync();
        await harness.DispatchAllAsync();

        var raised = (await harness.DeliveriesAsync()).Select(d => d.Notification).DistinctBy(n => n.Id).ToList();
        Assert.Equal(5, raised.Count);
        foreach (var notification in raised)
        {
            handler.Verify(h => h.HandleAsync(It.Is<CallNotification>(n => n.Id == notification.Id), It.IsAny<CancellationToken>()), Times.Once());
        }

        handler.VerifyNoOtherCalls();
        Assert.Equal(raised.Select(n => n.Id).Order(), recorded.Ids.Order());
        Assert.All(await harness.DeliveriesAsync(), d => Assert.Equal((NotificationDeliveryState.Delivered, 1), (d.State, d.Attempts)));
    }

    [Fact]
    public async Task ThrowingHandler_DoesNotFailTheWebhook_AndIsRetriedAfterBackoff_WhileOthersAreDeliveredOnce()
    {
        var failures = 1;
        var flaky = new Mock<ICallNotificationHandler>();
        flaky.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Decrement(ref failures) >= 0 ? Task.FromException(new InvalidOperationException("CRM down")) : Task.CompletedTask);
        var recorded = new RecordedNotifications();
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.AddScoped(_ => flaky.Object);
            services.AddSingleton(recorded);
            services.AddTwilioCallTracking().AddNotificationHandler<RecordingHandler>();
        });

        var started = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });
        await harness.DispatchAllAsync();
        var ringing = await harness.StatusAsync(started.Call!.TwilioCallSid!, "ringing", 1, started.Call.Id);

        Assert.Equal(WebhookOutcome.Applied, ringing.Outcome);
        var failed = (await harness.DeliveriesAsync()).Single(d => d.Target != NotificationTarget.Handler(typeof(RecordingHandler)));
        Assert.Equal((NotificationDeliveryState.Pending, 1), (failed.State, failed.Attempts));
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(10), failed.NextAttemptAt);
        Assert.Contains("InvalidOperationException", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("CRM down", failed.LastError, StringComparison.Ordinal);

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.DispatchAllAsync();

        Assert.All(await harness.DeliveriesAsync(), d => Assert.Equal(NotificationDeliveryState.Delivered, d.State));
        flaky.Verify(h => h.HandleAsync(It.Is<CallNotification>(n => n.Type == CallNotificationTypes.Started), It.IsAny<CancellationToken>()), Times.Exactly(2));
        flaky.Verify(h => h.HandleAsync(It.Is<CallNotification>(n => n.Type == CallNotificationTypes.Ringing), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Equal(2, recorded.Ids.Count);
    }

    [Fact]
    public async Task HandlerThatAlwaysFails_IsDeadAfterTheLastAttempt_AndRedeliveryTriesAgain()
    {
        var broken = true;
        var handler = new Mock<ICallNotificationHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>()))
            .Returns(() => broken ? Task.FromException(new TimeoutException()) : Task.CompletedTask);
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.AddScoped(_ => handler.Object);
            services.Configure<TwilioCallTrackingOptions>(o => o.Notifications.MaxAttempts = 3);
        });
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });

        for (var i = 0; i < 3; i++)
        {
            await harness.DispatchAllAsync();
            harness.Time.Advance(TimeSpan.FromHours(1));
        }

        var dead = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Dead, 3, (DateTimeOffset?)null), (dead.State, dead.Attempts, dead.NextAttemptAt));
        await harness.DispatchAllAsync();
        handler.Verify(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>()), Times.Exactly(3));

        broken = false;
        await using var scope = harness.Provider.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>().RedeliverAsync(TestTenants.A.TenantId, dead.Id);
        Assert.Equal((NotificationDeliveryState.Pending, 0), (again!.State, again.Attempts));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>().RedeliverAsync(TestTenants.B.TenantId, dead.Id));
        await harness.DispatchAllAsync();

        Assert.Equal(NotificationDeliveryState.Delivered, Assert.Single(await harness.DeliveriesAsync()).State);
        handler.Verify(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task SlowHandler_HoldsNeitherTheWebhookNorOtherHandlers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new Mock<ICallNotificationHandler>();
        slow.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>())).Returns(() => gate.Task);
        var recorded = new RecordedNotifications();
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.AddScoped(_ => slow.Object);
            services.AddSingleton(recorded);
            services.AddTwilioCallTracking().AddNotificationHandler<RecordingHandler>();
        });
        var started = await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });

        await harness.Dispatcher().RunOnceAsync(CancellationToken.None);
        var ringing = await harness.StatusAsync(started.Call!.TwilioCallSid!, "ringing", 1, started.Call.Id);
        await harness.Dispatcher().RunOnceAsync(CancellationToken.None);

        Assert.Equal(WebhookOutcome.Applied, ringing.Outcome);
        await Eventually.TrueAsync(() => recorded.Ids.Count == 2);
        Assert.False(gate.Task.IsCompleted);
        gate.SetResult();
        await harness.Dispatcher().DrainAsync();
        await harness.DispatchAllAsync();
        Assert.All(await harness.DeliveriesAsync(), d => Assert.Equal(NotificationDeliveryState.Delivered, d.State));
    }

    [Fact]
    public async Task HandlerOutlastingItsTimeout_IsCancelled_AndRetried()
    {
        CancellationToken seen = default;
        var stuck = new Mock<ICallNotificationHandler>();
        stuck.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>()))
            .Returns((CallNotification _, CancellationToken token) =>
            {
                seen = token;
                return Task.Delay(Timeout.Infinite, token);
            });
        await using var harness = await ServiceHarness.StartAsync(services =>
        {
            services.AddScoped(_ => stuck.Object);
            services.Configure<TwilioCallTrackingOptions>(o => o.Notifications.HandlerTimeout = TimeSpan.FromMilliseconds(200));
        });
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });

        await harness.DispatchAllAsync();

        Assert.True(seen.IsCancellationRequested);
        var delivery = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Pending, 1), (delivery.State, delivery.Attempts));
        Assert.Contains("did not finish within", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerThatCancelsItself_CountsAsAFailedAttempt()
    {
        var cancelling = new Mock<ICallNotificationHandler>();
        cancelling.Setup(h => h.HandleAsync(It.IsAny<CallNotification>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TaskCanceledException());
        await using var harness = await ServiceHarness.StartAsync(services => services.AddScoped(_ => cancelling.Object));
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });

        await harness.DispatchAllAsync();

        var delivery = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Pending, 1), (delivery.State, delivery.Attempts));
        Assert.Contains("TaskCanceledException", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWithoutHandlersOrSubscriptions_DispatchesToNoOne()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.OutboundCallAsync();

        await harness.DispatchAllAsync();

        Assert.Empty(await harness.Outbox().ListUndispatchedAsync(100));
        Assert.Empty(await harness.DeliveriesAsync());
    }

    internal sealed class RecordedNotifications
    {
        public ConcurrentBag<Guid> Ids { get; } = [];
    }

    internal sealed class RecordingHandler(RecordedNotifications recorded) : ICallNotificationHandler
    {
        public Task HandleAsync(CallNotification notification, CancellationToken cancellationToken)
        {
            recorded.Ids.Add(notification.Id);
            return Task.CompletedTask;
        }
    }
}
