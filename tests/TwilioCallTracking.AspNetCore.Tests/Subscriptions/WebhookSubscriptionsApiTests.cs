using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Subscriptions;

/// <summary>The webhook subscriptions API: a tenant's administrators create, read, replace, delete and rotate its outgoing webhooks.</summary>
public sealed class WebhookSubscriptionsApiTests
{
    private const string Subscriptions = WebhookApiTestApp.Prefix + "/subscriptions";

    private static readonly object NewSubscription = new
    {
        url = "https://hooks.example.com/calls",
        eventTypes = new[] { "call.ended", "call.started" },
        description = "Activities in the CRM",
    };

    [Fact]
    public async Task Create_Is201WithLocationAndTheSecret_WhichNoOtherAnswerEverShows()
    {
        await using var app = await WebhookApiTestApp.StartAsync();

        using var response = await app.AdminAsync(HttpMethod.Post, Subscriptions, TestTenants.A.TenantId, NewSubscription);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var subscription = created.GetProperty("subscription");
        var id = subscription.GetProperty("id").GetGuid();
        Assert.Equal($"{Subscriptions}/{id}", response.Headers.Location?.ToString());
        Assert.Equal("https://hooks.example.com/calls", subscription.GetProperty("url").GetString());
        Assert.Equal(["call.ended", "call.started"], subscription.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.True(subscription.GetProperty("enabled").GetBoolean());
        Assert.Equal("Activities in the CRM", subscription.GetProperty("description").GetString());
        AssertNoSecret(subscription);

        var stored = (await app.Services.GetRequiredService<IWebhookSubscriptionStore>().FindAsync(TestTenants.A.TenantId, id))!;
        var read = await (await app.AdminAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId)).Content.ReadAsStringAsync();
        var list = await (await app.AdminAsync(HttpMethod.Get, Subscriptions, TestTenants.A.TenantId)).Content.ReadAsStringAsync();
        foreach (var json in new[] { read, list })
        {
            Assert.Contains(id.ToString(), json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(stored.ProtectedSecret, json, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task List_HasTheTenantsSubscriptions_OldestFirst()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var first = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);
        var second = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, new { url = "https://hooks.example.com/other" });

        var list = await app.AdminJsonAsync(HttpMethod.Get, Subscriptions, TestTenants.A.TenantId);

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([first.Id, second.Id], items.Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal(0, items[1].GetProperty("eventTypes").GetArrayLength());
        items.ForEach(AssertNoSecret);
    }

    [Fact]
    public async Task Update_ReplacesTheSubscription_AndKeepsItsSecret()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var (id, _) = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);
        var store = app.Services.GetRequiredService<IWebhookSubscriptionStore>();
        var before = (await store.FindAsync(TestTenants.A.TenantId, id))!;

        var updated = await app.AdminJsonAsync(HttpMethod.Put, $"{Subscriptions}/{id}", TestTenants.A.TenantId,
            new { url = "https://hooks.example.com/v2", eventTypes = new[] { "call.recording-ready" }, enabled = false });

        Assert.Equal("https://hooks.example.com/v2", updated.GetProperty("url").GetString());
        Assert.Equal(["call.recording-ready"], updated.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("description").ValueKind);
        AssertNoSecret(updated);
        var read = await app.AdminJsonAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId);
        Assert.Equal(updated.ToString(), read.ToString());
        Assert.Equal(before.ProtectedSecret, (await store.FindAsync(TestTenants.A.TenantId, id))!.ProtectedSecret);
    }

    [Fact]
    public async Task Delete_Is204_ThenTheSubscriptionIsGone()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var (id, _) = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);

        using var deleted = await app.AdminAsync(HttpMethod.Delete, $"{Subscriptions}/{id}", TestTenants.A.TenantId);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId));
        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Delete, $"{Subscriptions}/{id}", TestTenants.A.TenantId));
        Assert.Equal(0, (await app.AdminJsonAsync(HttpMethod.Get, Subscriptions, TestTenants.A.TenantId)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task RotateSecret_Is200WithANewSecret_ShownThisOnce()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var (id, secret) = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);
        var store = app.Services.GetRequiredService<IWebhookSubscriptionStore>();
        var before = (await store.FindAsync(TestTenants.A.TenantId, id))!;

        var rotated = await app.AdminJsonAsync(HttpMethod.Post, $"{Subscriptions}/{id}/secret", TestTenants.A.TenantId);

        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(id, rotated.GetProperty("subscription").GetProperty("id").GetGuid());
        AssertNoSecret(rotated.GetProperty("subscription"));
        Assert.NotEqual(before.ProtectedSecret, (await store.FindAsync(TestTenants.A.TenantId, id))!.ProtectedSecret);
        var read = await (await app.AdminAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(newSecret, read, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.example.com/calls")]
    [InlineData("https://127.0.0.1/calls")]
    [InlineData("https://localhost/calls")]
    [InlineData("https://10.0.0.7/calls")]
    public async Task PrivateOrPlainHttpUrl_WhenPrivateNetworkUrlsAreNotAllowed_Is400_AndNothingIsStored(string url)
    {
        await using var app = await WebhookApiTestApp.StartAsync(o => o.Services = b =>
            b.Services.Configure<TwilioCallTrackingOptions>(options => options.AllowPrivateNetworkUrls = false));

        using var response = await app.AdminAsync(HttpMethod.Post, Subscriptions, TestTenants.A.TenantId, new { url });

        await AssertValidationProblemAsync(response, "url");
        Assert.Empty(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task UnknownEventType_Is400NamingIt_OnCreateAndUpdate_AndNothingIsStored()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var bad = new { url = "https://hooks.example.com/calls", eventTypes = new[] { "call.ended", "call.exploded" } };

        using var create = await app.AdminAsync(HttpMethod.Post, Subscriptions, TestTenants.A.TenantId, bad);
        var (id, _) = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);
        var before = await app.AdminJsonAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId);
        using var update = await app.AdminAsync(HttpMethod.Put, $"{Subscriptions}/{id}", TestTenants.A.TenantId, bad);

        foreach (var response in new[] { create, update })
        {
            var errors = await AssertValidationProblemAsync(response, "eventTypes");
            Assert.Contains("call.exploded", errors.GetProperty("eventTypes")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Single(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
        Assert.Equal(before.ToString(), (await app.AdminJsonAsync(HttpMethod.Get, $"{Subscriptions}/{id}", TestTenants.A.TenantId)).ToString());
    }

    [Theory]
    [InlineData("{}", "url")]
    [InlineData("null", "url")]
    [InlineData("{\"url\": \"not a url\"}", "url")]
    [InlineData("{\"url\": 42}", "url")]
    [InlineData("{\"url\": \"https://hooks.example.com/calls\", \"eventTypes\": \"call.ended\"}", "eventTypes")]
    [InlineData("{\"url\": \"https://user:pass@hooks.example.com/calls\"}", "url")]
    [InlineData("not json", "body")]
    public async Task MalformedBody_Is400NamingTheField_AndNothingIsStored(string json, string field)
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Subscriptions) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        using var response = await app.Client.SendAsync(WebhookApiTestApp.AsAdmin(request, TestTenants.A.TenantId));

        await AssertValidationProblemAsync(response, field);
        Assert.Empty(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is415()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Subscriptions) { Content = new FormUrlEncodedContent([new("url", "https://hooks.example.com/calls")]) };

        using var response = await app.Client.SendAsync(WebhookApiTestApp.AsAdmin(request, TestTenants.A.TenantId));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task TenantB_CannotSeeChangeDeleteOrRotateTenantAsSubscription()
    {
        await using var app = await WebhookApiTestApp.StartAsync();
        var (id, _) = await app.CreateSubscriptionAsync(TestTenants.A.TenantId, NewSubscription);
        var store = app.Services.GetRequiredService<IWebhookSubscriptionStore>();
        var before = (await store.FindAsync(TestTenants.A.TenantId, id))!;
        var b = TestTenants.B.TenantId;

        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Get, $"{Subscriptions}/{id}", b));
        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Put, $"{Subscriptions}/{id}", b, new { url = "https://evil.example.com/steal" }));
        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Post, $"{Subscriptions}/{id}/secret", b));
        await AssertNotFoundAsync(await app.AdminAsync(HttpMethod.Delete, $"{Subscriptions}/{id}", b));
        Assert.Equal(0, (await app.AdminJsonAsync(HttpMethod.Get, Subscriptions, b)).GetProperty("items").GetArrayLength());

        var after = (await store.FindAsync(TestTenants.A.TenantId, id))!;
        Assert.Equal((before.Url, before.ProtectedSecret, before.UpdatedAt), (after.Url, after.ProtectedSecret, after.UpdatedAt));
        Assert.Empty(await store.ListAsync(b));
    }

    [Fact]
    public async Task WithoutATenant_AnswersAsTheCallApi_401Anonymous_403WithoutTheClaim()
    {
        // The host forgot the authorization: the API still never acts without a tenant.
        await using var app = await WebhookApiTestApp.StartAsync(o => o.Endpoints = a => a.MapWebhookSubscriptionsApi());

        using var anonymous = await app.Client.GetAsync(Subscriptions);
        using var noTenant = await app.AdminAsync(HttpMethod.Post, Subscriptions, tenantId: null, NewSubscription);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, noTenant.StatusCode);
        Assert.Contains("tenant_id", (await noTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostsPolicy_AppliesToTheGroup_AUserWhoIsNotAnAdministratorIsRefused()
    {
        await using var app = await WebhookApiTestApp.StartAsync();

        using var anonymous = await app.Client.GetAsync(Subscriptions);
        using var user = await app.AdminAsync(HttpMethod.Post, Subscriptions, TestTenants.A.TenantId, NewSubscription, role: "agent");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Empty(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task ARegisteredTenantResolver_ChoosesTheTenant_ForAnotherTenantClaim()
    {
        await using var app = await WebhookApiTestApp.StartAsync(o => o.Services = b =>
            b.Services.AddSingleton<ITenantResolver>(new ClaimsTenantResolver(new CallTrackingApiOptions { TenantClaimType = "org" })));
        using var request = new HttpRequestMessage(HttpMethod.Post, Subscriptions) { Content = JsonContent.Create(NewSubscription) };

        using var response = await app.Client.SendAsync(WebhookApiTestApp.AsAdmin(request, TestTenants.A.TenantId, tenantClaim: "org"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(await app.Services.GetRequiredService<IWebhookSubscriptionStore>().ListAsync(TestTenants.A.TenantId));
    }

    [Fact]
    public async Task StoreUnavailable_Is503WithRetryAfter_NotA500()
    {
        await using var app = await WebhookApiTestApp.StartAsync(o => o.Services = b =>
            b.Services.AddTwilioCallTracking().AddWebhookSubscriptionStore<UnavailableSubscriptionStore>());

        using var list = await app.AdminAsync(HttpMethod.Get, Subscriptions, TestTenants.A.TenantId);
        using var create = await app.AdminAsync(HttpMethod.Post, Subscriptions, TestTenants.A.TenantId, NewSubscription);

        foreach (var response in new[] { list, create })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static void AssertNoSecret(JsonElement subscription)
    {
        foreach (var property in subscription.EnumerateObject())
        {
            Assert.DoesNotContain("secret", property.Name, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
        Assert.True(errors.TryGetProperty(field, out _), $"No error for '{field}': {text}");
        return errors;
    }

    /// <summary>A subscription store whose database is down.</summary>
    private sealed class UnavailableSubscriptionStore : IWebhookSubscriptionStore
    {
        public Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken = default) => Down<IReadOnlyList<WebhookSubscription>>();

        public Task<WebhookSubscription?> FindAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default) => Down<WebhookSubscription?>();

        public Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default) => Down<bool>();

        public Task<bool> DeleteAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default) => Down<bool>();

        private static Task<T> Down<T>() => Task.FromException<T>(new StoreUnavailableException("The database is down."));
    }
}
