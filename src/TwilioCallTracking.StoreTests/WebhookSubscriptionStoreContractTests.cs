using Xunit;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What every <see cref="IWebhookSubscriptionStore"/> must do. Each test works in tenants of its own, so one database
/// can serve the whole class (share it through an <c>IClassFixture</c>).
/// </summary>
/// <example>
/// <code>
/// public sealed class MySubscriptionStoreTests(MyDatabase database) : WebhookSubscriptionStoreContractTests, IClassFixture&lt;MyDatabase&gt;
/// {
///     protected override Task&lt;IWebhookSubscriptionStore&gt; GetStoreAsync() =&gt; Task.FromResult&lt;IWebhookSubscriptionStore&gt;(new MySubscriptionStore(database.ConnectionString));
/// }
/// </code>
/// </example>
public abstract class WebhookSubscriptionStoreContractTests
{
    /// <summary>
    /// The store under test, asked for once by each test; it may return the same store every time. Throw
    /// <c>Xunit.SkipException</c> (<c>Skip.If</c>) when its database is not available here to skip the test.
    /// </summary>
    protected abstract Task<IWebhookSubscriptionStore> GetStoreAsync();

    /// <summary>Save, new subscription: is found and listed with every field as given (the URL's escapes and the types' order kept).</summary>
    [SkippableFact]
    public async Task Save_NewSubscription_IsFoundAndListed_WithEveryFieldAsGiven()
    {
        var store = await GetStoreAsync();
        var subscription = NewSubscription(NewTenant()) with
        {
            EventTypes = [CallNotificationTypes.RecordingReady, CallNotificationTypes.Started],
            Enabled = false,
            UpdatedAt = T0.AddMinutes(3),
        };

        await store.SaveAsync(subscription);

        Assert.Equal(Snapshot(subscription), Snapshot((await store.FindAsync(subscription.TenantId, subscription.Id))!));
        Assert.Equal(Snapshot(subscription), Snapshot(Assert.Single(await store.ListAsync(subscription.TenantId))));
    }

    /// <summary>Save, every type and no description: round-trips as an empty list and null.</summary>
    [SkippableFact]
    public async Task Save_EveryTypeAndNoDescription_RoundTripsAsAnEmptyListAndNull()
    {
        var store = await GetStoreAsync();
        var subscription = NewSubscription(NewTenant()) with { EventTypes = [], Description = null };

        await store.SaveAsync(subscription);

        var found = (await store.FindAsync(subscription.TenantId, subscription.Id))!;
        Assert.Empty(found.EventTypes);
        Assert.Null(found.Description);
        Assert.True(found.Receives(CallNotificationTypes.ContactMatched));
    }

    /// <summary>Save again, the same id: replaces the tenant's subscription.</summary>
    [SkippableFact]
    public async Task SaveAgain_TheSameId_ReplacesTheTenantsSubscription()
    {
        var store = await GetStoreAsync();
        var subscription = NewSubscription(NewTenant());
        await store.SaveAsync(subscription);
        var changed = subscription with
        {
            Url = new Uri("https://other.example.com/hook"),
            EventTypes = [CallNotificationTypes.Answered],
            ProtectedSecret = "v2.0a1b2c3d.rotated",
            Enabled = false,
            Description = null,
            UpdatedAt = T0.AddDays(1),
        };

        await store.SaveAsync(changed);

        Assert.Equal(Snapshot(changed), Snapshot(Assert.Single(await store.ListAsync(subscription.TenantId))));
    }

    /// <summary>List: the tenant's subscriptions only, oldest first.</summary>
    [SkippableFact]
    public async Task List_TheTenantsSubscriptionsOnly_OldestFirst()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var saved = new List<WebhookSubscription>();
        foreach (var minute in new[] { 3, 1, 2 })
        {
            var subscription = NewSubscription(tenant, T0.AddMinutes(minute));
            await store.SaveAsync(subscription);
            saved.Add(subscription);
        }

        await store.SaveAsync(NewSubscription(NewTenant(), T0));

        Assert.Equal(saved.OrderBy(s => s.CreatedAt).Select(s => s.Id), (await store.ListAsync(tenant)).Select(s => s.Id));
        Assert.Empty(await store.ListAsync(NewTenant()));
    }

    /// <summary>Another tenant: never sees, replaces or deletes a tenant's subscription, even naming its id.</summary>
    [SkippableFact]
    public async Task AnotherTenant_NeverSeesReplacesOrDeletesIt_EvenNamingItsId()
    {
        var store = await GetStoreAsync();
        var mine = NewSubscription(NewTenant());
        await store.SaveAsync(mine);
        var intruder = NewTenant();

        Assert.Null(await store.FindAsync(intruder, mine.Id));
        Assert.False(await store.DeleteAsync(intruder, mine.Id));
        var theirs = mine with { TenantId = intruder, Url = new Uri("https://evil.example.com/"), ProtectedSecret = "v2.0a1b2c3d.theirs" };
        await store.SaveAsync(theirs);

        Assert.Equal(Snapshot(mine), Snapshot((await store.FindAsync(mine.TenantId, mine.Id))!));
        Assert.Equal(Snapshot(theirs), Snapshot(Assert.Single(await store.ListAsync(intruder))));
        Assert.True(await store.DeleteAsync(intruder, mine.Id));
        Assert.Equal(Snapshot(mine), Snapshot(Assert.Single(await store.ListAsync(mine.TenantId))));
    }

    /// <summary>Delete: removes the tenant's subscription, once.</summary>
    [SkippableFact]
    public async Task Delete_RemovesTheTenantsSubscription_Once()
    {
        var store = await GetStoreAsync();
        var subscription = NewSubscription(NewTenant());
        var kept = NewSubscription(subscription.TenantId, T0.AddMinutes(1));
        await store.SaveAsync(subscription);
        await store.SaveAsync(kept);

        Assert.True(await store.DeleteAsync(subscription.TenantId, subscription.Id));
        Assert.False(await store.DeleteAsync(subscription.TenantId, subscription.Id));

        Assert.Null(await store.FindAsync(subscription.TenantId, subscription.Id));
        Assert.Equal([kept.Id], (await store.ListAsync(subscription.TenantId)).Select(s => s.Id));
    }

    /// <summary>Concurrent saves of one subscription: keep one row, one of the saves.</summary>
    [SkippableFact]
    public async Task ConcurrentSaves_OfOneSubscription_KeepOneRow()
    {
        var store = await GetStoreAsync();
        var subscription = NewSubscription(NewTenant());
        var versions = Enumerable.Range(0, 10).Select(i => subscription with { Description = $"version {i}" }).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => store.SaveAsync(v))));

        var stored = Assert.Single(await store.ListAsync(subscription.TenantId));
        Assert.Contains(stored.Description, versions.Select(v => v.Description));
    }

    // Every stored field; the URL as given, the types in order.
    private static object Snapshot(WebhookSubscription s) => new
    {
        s.Id, s.TenantId, Url = s.Url.OriginalString, EventTypes = string.Join(" ", s.EventTypes), s.ProtectedSecret, s.Enabled, s.Description,
        s.CreatedAt, s.UpdatedAt,
    };
}
