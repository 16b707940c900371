using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Notifications;

/// <summary>Outgoing webhooks to a real receiver on loopback: signed, retried, logged, tenant-scoped.</summary>
public sealed class OutgoingWebhookTests : IAsyncLifetime
{
    private SignedWebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await SignedWebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Receiver500Then204_GetsTheSameSignedDeliveryTwice_InOneAttempt()
    {
        await using var harness = await StartAsync();
        var secret = await SubscribeAsync(harness, TestTenants.A.TenantId, CallNotificationTypes.Ended);
        _receiver.AnswerNext(500);

        var call = await harness.OutboundCallAsync();
        await harness.DispatchAllAsync();

        var received = _receiver.Received.ToList();
        Assert.Equal([500, 204], received.Select(r => r.AnsweredStatus));
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.All(received, r => Assert.True(r.VerifiesWith(secret, harness.Time.GetUtcNow())));
        var delivery = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Delivered, 1, (int?)204), (delivery.State, delivery.Attempts, delivery.LastStatusCode));

        using var body = JsonDocument.Parse(received[^1].Body);
        Assert.Equal(delivery.Notification.Id.ToString(), received[^1].Id);
        Assert.Equal(delivery.Notification.Id, body.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(CallNotificationTypes.Ended, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(call.Id, body.RootElement.GetProperty("callId").GetGuid());
        Assert.Equal("completed", body.RootElement.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReceiverDown_LeavesTheDeliveryPendingWithBackoff_ThenDelivers()
    {
        await using var harness = await StartAsync();
        await SubscribeAsync(harness, TestTenants.A.TenantId, CallNotificationTypes.Started);
        _receiver.AnswerNext(503, 503, 503);

        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });
        await harness.DispatchAllAsync();

        var failed = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Pending, 1, (int?)503), (failed.State, failed.Attempts, failed.LastStatusCode));
        Assert.Equal("The receiver answered HTTP 503.", failed.LastError);
        Assert.Equal(3, _receiver.Received.Count);

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.DispatchAllAsync();

        var delivered = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Delivered, 2), (delivered.State, delivered.Attempts));
        Assert.Equal(4, _receiver.Received.Count);
    }

    [Fact]
    public async Task Subscriptions_ReceiveOnlyTheirTypes_AndOnlyTheirTenantsCalls()
    {
        await using var harness = await StartAsync();
        await SubscribeAsync(harness, TestTenants.B.TenantId);
        await SubscribeAsync(harness, TestTenants.A.TenantId, CallNotificationTypes.Answered, CallNotificationTypes.Ended);

        await harness.OutboundCallAsync();
        await harness.DispatchAllAsync();

        Assert.Equal(
            [CallNotificationTypes.Answered, CallNotificationTypes.Ended],
            _receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order());
        Assert.Empty(await harness.DeliveriesAsync(TestTenants.B.TenantId));
    }

    [Fact]
    public async Task DeletedOrDisabledSubscription_EndsItsPendingDeliveriesAsDead()
    {
        await using var harness = await StartAsync();
        await using var scope = harness.Provider.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>();
        await SubscribeAsync(harness, TestTenants.A.TenantId, CallNotificationTypes.Started);
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });
        await harness.Dispatcher().RunOnceAsync(CancellationToken.None);
        await harness.Dispatcher().DrainAsync();
        _receiver.AnswerNext(500, 500, 500);
        var subscription = Assert.Single(await service.ListAsync(TestTenants.A.TenantId));
        var delivered = Assert.Single(await harness.DeliveriesAsync());
        await service.RedeliverAsync(TestTenants.A.TenantId, delivered.Id);
        await harness.DispatchAllAsync();
        Assert.Equal(NotificationDeliveryState.Pending, Assert.Single(await harness.DeliveriesAsync()).State);

        Assert.True(await service.DeleteAsync(TestTenants.A.TenantId, subscription.Id));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.DispatchAllAsync();

        var dead = Assert.Single(await harness.DeliveriesAsync());
        Assert.Equal((NotificationDeliveryState.Dead, "The subscription was deleted."), (dead.State, dead.LastError));
    }

    [Fact]
    public async Task Subscription_ToAPrivateAddress_IsRefusedOutsideDevelopment()
    {
        await using var harness = await ServiceHarness.StartAsync();
        await using var scope = harness.Provider.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>();

        var loopback = await service.CreateAsync(TestTenants.A.TenantId, new WebhookSubscriptionRequest { Url = _receiver.Url });
        var http = await service.CreateAsync(TestTenants.A.TenantId, new WebhookSubscriptionRequest { Url = new Uri("http://hooks.example.com/calls") });
        var unknownType = await service.CreateAsync(
            TestTenants.A.TenantId, new WebhookSubscriptionRequest { Url = new Uri("https://hooks.example.com/calls"), EventTypes = ["call.exploded"] });

        Assert.Contains("url", loopback.Errors.Keys);
        Assert.Contains("url", http.Errors.Keys);
        Assert.Contains("eventTypes", unknownType.Errors.Keys);
        Assert.Empty(await service.ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task Secret_IsProtectedAtRest_AndRotationSignsWithTheNewOneOnly()
    {
        await using var harness = await StartAsync();
        await using var scope = harness.Provider.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>();
        var created = await service.CreateAsync(TestTenants.A.TenantId, new WebhookSubscriptionRequest { Url = _receiver.Url, EventTypes = [CallNotificationTypes.Started] });
        var stored = await harness.Provider.GetRequiredService<IWebhookSubscriptionStore>().FindAsync(TestTenants.A.TenantId, created.Subscription!.Id);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret!, created.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret!, stored!.ProtectedSecret, StringComparison.Ordinal);

        var rotated = await service.RotateSecretAsync(TestTenants.A.TenantId, created.Subscription.Id);
        await harness.Service.StartOutboundCallAsync(new StartCallRequest { TenantId = TestTenants.A.TenantId, To = NotificationHarness.Customer });
        await harness.DispatchAllAsync();

        var received = Assert.Single(_receiver.Received);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.True(received.VerifiesWith(rotated.Secret!, harness.Time.GetUtcNow()));
        Assert.False(received.VerifiesWith(created.Secret!, harness.Time.GetUtcNow()));
        Assert.Null((await service.RotateSecretAsync(TestTenants.B.TenantId, created.Subscription.Id)).Subscription);
    }

    private static Task<ServiceHarness> StartAsync() =>
        ServiceHarness.StartAsync(services => services.Configure<TwilioCallTrackingOptions>(o => o.AllowPrivateNetworkUrls = true));

    private async Task<string> SubscribeAsync(ServiceHarness harness, string tenantId, params string[] types)
    {
        await using var scope = harness.Provider.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>()
            .CreateAsync(tenantId, new WebhookSubscriptionRequest { Url = _receiver.Url, EventTypes = types });
        Assert.Empty(created.Errors);
        return created.Secret!;
    }
}
