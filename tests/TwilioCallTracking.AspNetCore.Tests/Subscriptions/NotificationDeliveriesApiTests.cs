using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Subscriptions;

/// <summary>
/// The delivery log and redelivery of the webhook subscriptions API, after real call changes: the notifications are
/// delivered by the library's dispatcher to a real receiver on loopback (the test app allows private network URLs) and
/// to an in-process handler.
/// </summary>
public sealed class NotificationDeliveriesApiTests
{
    private const string Deliveries = WebhookApiTestApp.Prefix + "/deliveries";

    [Fact]
    public async Task ACallChange_IsDeliveredSigned_AndLogged_AndARedeliveryResendsTheSameWebhookId()
    {
        await using var receiver = await SignedWebhookReceiver.StartAsync();
        await using var app = await WebhookApiTestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var (subscriptionId, secret) = await app.CreateSubscriptionAsync(tenant.TenantId, new { url = receiver.Url, eventTypes = new[] { "call.started" } });

        var (callId, _) = await StartCallAsync(app, tenant);

        var log = await LogWhenAsync(app, tenant, $"?subscriptionId={subscriptionId}", items => items.Any(d => State(d) == "delivered"));
        var delivery = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("call.started", delivery.GetProperty("type").GetString());
        Assert.Equal(callId, delivery.GetProperty("callId").GetGuid());
        Assert.Equal("webhook", delivery.GetProperty("targetKind").GetString());
        Assert.Equal(subscriptionId, delivery.GetProperty("subscriptionId").GetGuid());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("handlerName").ValueKind);
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(204, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastError").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("lastAttemptAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("createdAt").ValueKind);
        var first = Assert.Single(receiver.Received);
        Assert.Equal(delivery.GetProperty("notificationId").GetGuid().ToString(), first.Id);
        Assert.True(first.IsSignedWith(secret), "The delivery does not verify with the secret the create answer showed.");
        var body = JsonDocument.Parse(first.Body).RootElement;
        Assert.Equal(("call.started", callId.ToString()), (body.GetProperty("type").GetString(), body.GetProperty("callId").GetString()));

        var deliveryId = delivery.GetProperty("id").GetGuid();
        var redelivery = await app.AdminJsonAsync(HttpMethod.Post, $"{Deliveries}/{deliveryId}/redeliver", tenant.TenantId, expected: HttpStatusCode.Accepted);

        Assert.Equal(deliveryId, redelivery.GetProperty("id").GetGuid());
        Assert.Equal("pending", State(redelivery));
        Assert.Equal(0, redelivery.GetProperty("attempts").GetInt32());
        await Eventually.TrueAsync(() => receiver.Received.Count >= 2);
        var again = receiver.Received.ElementAt(1);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Body, again.Body);
        Assert.True(again.IsSignedWith(secret), "The redelivery does not verify with the subscription's secret.");
        var after = await LogWhenAsync(app, tenant, $"?subscriptionId={subscriptionId}", items => items.All(d => State(d) == "delivered"));
        Assert.Equal(1, Assert.Single(after.GetProperty("items").EnumerateArray()).GetProperty("attempts").GetInt32());
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task ARedeliveryAfterARotation_IsSignedWithTheNewSecretOnly()
    {
        await using var receiver = await SignedWebhookReceiver.StartAsync();
        await using var app = await WebhookApiTestApp.StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var (subscriptionId, oldSecret) = await app.CreateSubscriptionAsync(tenant.TenantId, new { url = receiver.Url });
        await StartCallAsync(app, tenant);
        var log = await LogWhenAsync(app, tenant, $"?subscriptionId={subscriptionId}", items => items.Any(d => State(d) == "delivered"));
        var deliveryId = log.GetProperty("items")[0].GetProperty("id").GetGuid();

        var rotated = await app.AdminJsonAsync(HttpMethod.Post, $"{WebhookApiTestApp.Prefix}/subscriptions/{subscriptionId}/secret", tenant.TenantId);
        await app.AdminJsonAsync(HttpMethod.Post, $"{Deliveries}/{deliveryId}/redeliver", tenant.TenantId, expected: HttpStatusCode.Accepted);

        await Eventually.TrueAsync(() => receiver.Received.Count >= 2);
        var again = receiver.Received.Last();
        Assert.True(again.IsSignedWith(rotated.GetProperty("secret").GetString()!));
        Assert.False(again.IsSignedWith(oldSecret));
    }

    [Fact]
    public async Task HandlerDeliveries_AreLoggedWithTheHandlersName()
    {
        await using var app = await StartWithHandlerAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);

        var (callId, _) = await StartCallAsync(app, tenant);

        var log = await LogWhenAsync(app, tenant, "", items => items.Any(d => State(d) == "delivered"));
        var delivery = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("handler", delivery.GetProperty("targetKind").GetString());
        Assert.Equal(typeof(QuietHandler).FullName, delivery.GetProperty("handlerName").GetString());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("subscriptionId").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastStatusCode").ValueKind);
        Assert.Equal(callId, delivery.GetProperty("callId").GetGuid());
    }

    [Fact]
    public async Task Log_PagesNewestFirst_WithANextLinkThatKeepsTheFilters_AndFilters()
    {
        await using var app = await StartWithHandlerAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var (callId, callSid) = await StartCallAsync(app, tenant);
        var create = app.Twilio.Requests.Single();
        var sequence = 0;
        foreach (var status in new[] { "ringing", "in-progress", "completed" })
        {
            var form = TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, status, sequence++, tenant.PhoneNumber, "+14155550100", callDuration: status == "completed" ? 30 : null);
            Assert.Equal(HttpStatusCode.NoContent, (await app.PostWebhookAsync(create["StatusCallback"]!, form, tenant.AuthToken)).StatusCode);
        }

        var all = (await LogWhenAsync(app, tenant, "", items => items.Any(d => d.GetProperty("type").GetString() == "call.ended") && items.All(d => State(d) == "delivered")))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.True(all.Count >= 3, $"Expected a notification per change, got {all.Count}.");
        var created = all.Select(d => d.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);

        var paged = new List<Guid>();
        var next = $"{Deliveries}?state=delivered&limit=2";
        for (var pages = 0; next is not null && pages < 10; pages++)
        {
            var page = await app.AdminJsonAsync(HttpMethod.Get, next, tenant.TenantId);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            paged.AddRange(items.Select(d => d.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").GetString();
            Assert.Equal(next is null ? JsonValueKind.Null : JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
            if (next is not null)
            {
                Assert.Contains("state=delivered", next, StringComparison.Ordinal);
                Assert.Contains($"before={page.GetProperty("nextCursor").GetGuid()}", next, StringComparison.Ordinal);
            }
        }

        Assert.Equal(all.Select(d => d.GetProperty("id").GetGuid()), paged);
        Assert.Equal(all.Count, await CountAsync(app, tenant, $"?callId={callId}"));
        Assert.Equal(0, await CountAsync(app, tenant, $"?callId={Guid.NewGuid()}"));
        Assert.Equal(0, await CountAsync(app, tenant, "?state=dead"));
        Assert.Equal(0, await CountAsync(app, tenant, "?state=PENDING"));
        Assert.Equal(0, await CountAsync(app, tenant, $"?subscriptionId={Guid.NewGuid()}"));
    }

    [Theory]
    [InlineData("state=lost", "state")]
    [InlineData("state=1", "state")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("subscriptionId=42", "subscriptionId")]
    [InlineData("callId=not-a-uuid", "callId")]
    [InlineData("before=yesterday", "before")]
    public async Task BadQuery_Is400NamingIt(string query, string field)
    {
        await using var app = await WebhookApiTestApp.StartAsync();

        using var response = await app.AdminAsync(HttpMethod.Get, $"{Deliveries}?{query}", TestTenants.A.TenantId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TenantB_CannotSeeOrRedeliverTenantAsDeliveries()
    {
        await using var app = await StartWithHandlerAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var (callId, _) = await StartCallAsync(app, tenant);
        var log = await LogWhenAsync(app, tenant, "", items => items.Any(d => State(d) == "delivered"));
        var deliveryId = log.GetProperty("items")[0].GetProperty("id").GetGuid();
        var b = TestTenants.B.TenantId;

        using var redeliver = await app.AdminAsync(HttpMethod.Post, $"{Deliveries}/{deliveryId}/redeliver", b);

        Assert.Equal(HttpStatusCode.NotFound, redeliver.StatusCode);
        Assert.Equal("application/problem+json", redeliver.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync(app, TestTenants.B, ""));
        Assert.Equal(0, await CountAsync(app, TestTenants.B, $"?callId={callId}"));
        var unchanged = (await app.AdminJsonAsync(HttpMethod.Get, Deliveries, tenant.TenantId)).GetProperty("items")[0];
        Assert.Equal(("delivered", 1), (State(unchanged), unchanged.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task RedeliveringAnUnknownDelivery_Is404()
    {
        await using var app = await WebhookApiTestApp.StartAsync();

        using var response = await app.AdminAsync(HttpMethod.Post, $"{Deliveries}/{Guid.NewGuid()}/redeliver", TestTenants.A.TenantId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<TestApp> StartWithHandlerAsync() =>
        WebhookApiTestApp.StartAsync(o => o.Services = b => b.Services.AddTwilioCallTracking().AddNotificationHandler<QuietHandler>());

    /// <summary>Starts an outbound call through the call API (stored, then placed at the fake Twilio): a call change.</summary>
    private static async Task<(Guid CallId, string CallSid)> StartCallAsync(TestApp app, TestTenant tenant)
    {
        using var response = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550100" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (started.GetProperty("callId").GetGuid(), started.GetProperty("callSid").GetString()!);
    }

    /// <summary>Reads the tenant's delivery log until its items satisfy <paramref name="done"/>.</summary>
    private static Task<JsonElement> LogWhenAsync(TestApp app, TestTenant tenant, string query, Func<List<JsonElement>, bool> done) =>
        Eventually.ValueAsync(
            () => app.AdminJsonAsync(HttpMethod.Get, Deliveries + query, tenant.TenantId),
            log => log.GetProperty("items").EnumerateArray().ToList() is { Count: > 0 } items && done(items));

    private static async Task<int> CountAsync(TestApp app, TestTenant tenant, string query) =>
        (await app.AdminJsonAsync(HttpMethod.Get, Deliveries + query, tenant.TenantId)).GetProperty("items").GetArrayLength();

    private static string? State(JsonElement delivery) => delivery.GetProperty("state").GetString();

    /// <summary>An in-process handler that accepts every notification.</summary>
    private sealed class QuietHandler : ICallNotificationHandler
    {
        public Task HandleAsync(CallNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
