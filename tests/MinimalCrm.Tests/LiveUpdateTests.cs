using Microsoft.Extensions.DependencyInjection;
using MinimalCrm.Calls.Live;
using MinimalCrm.Tests.Infrastructure;
using TwilioCallTracking;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>The call pages follow a call through server-sent events: no reload, no polling.</summary>
[Collection(BrowserTests.Name)]
public sealed class LiveUpdateTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task StatusChange_ReachesTheCallPageAndTheList_WithoutAReload_AndNothingPolls()
    {
        var call = await SignedInboundCall.StartAsync(crm.App, "acme", "+12125550142");
        var signedIn = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        var detail = await LivePage.OpenAsync(signedIn, $"/Calls/{call.CallId}");
        var list = await LivePage.OpenAsync(await signedIn.Context.NewPageAsync(), "/Calls");
        var summary = detail.Page.GetByTestId("call-summary");
        var row = list.Page.Locator($"tr[data-call-id='{call.CallId}']");
        await Expect(summary.GetByTestId("status")).ToHaveTextAsync("ringing");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("ringing");

        // Nothing changes this call meanwhile: a minute of the page's timers fetches nothing (the old page fetched itself every 2 s).
        await detail.ExpectNoPollingAsync();

        await call.ReportAsync("in-progress");
        await Expect(summary.GetByTestId("status")).ToHaveTextAsync("in-progress");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("in-progress");
        await call.ReportAsync("completed", duration: 42);

        await Expect(summary.GetByTestId("status")).ToHaveTextAsync("completed");
        await Expect(summary.GetByTestId("duration")).ToHaveTextAsync("0:42");
        await Expect(detail.Page.GetByTestId("timeline").Locator("tr[data-event='completed']")).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("completed");
        await Expect(row.GetByTestId("duration")).ToHaveTextAsync("0:42");
        await detail.ExpectNotReloadedAsync();
        await list.ExpectNotReloadedAsync();

        await CrmPages.ScreenshotBothWidthsAsync(detail.Page, "11-live-call-detail");
        await CrmPages.ScreenshotBothWidthsAsync(list.Page, "11-live-calls");
        await signedIn.Context.CloseAsync();
    }

    [Fact]
    public async Task Stream_RequiresSignIn()
    {
        using var anonymous = SignInForm.Client(crm.BaseUrl);
        using var response = await CallUpdatesFeed.SendAsync(anonymous);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stream_CarriesOnlyTheSignedInUsersTenant_AndLetsGoOfItWhenClosed()
    {
        var broadcaster = crm.App.Services.GetRequiredService<CallUpdateBroadcaster>();
        using var alice = await SignedInClientAsync("alice@acme.test");
        using var rita = await SignedInClientAsync("rita@globex.test");
        var acmeBefore = broadcaster.SubscriberCount("acme");
        await using (var acmeStream = await CallUpdatesFeed.OpenAsync(alice))
        await using (var globexStream = await CallUpdatesFeed.OpenAsync(rita))
        {
            Assert.True(broadcaster.SubscriberCount("acme") > 0);
            var acmeCall = await SignedInboundCall.StartAsync(crm.App, "acme", "+12125550143");
            var seenByAcme = await acmeStream.ReadUntilAsync(acmeCall.CallId, CallNotificationTypes.Started, CallNotificationTypes.Ringing);
            Assert.All(seenByAcme.Where(e => e.Data.GetProperty("callId").GetGuid() == acmeCall.CallId), e => Assert.Equal("ringing", e.Data.GetProperty("status").GetString()));

            // Every update of Acme's call was published before this marker, published to Globex: had Globex's stream been
            // given any of them, they would come before it. (A marker, not a Globex call: other tests expect Globex's list empty.)
            var marker = new CallUpdate(Guid.CreateVersion7(), Guid.CreateVersion7(), CallNotificationTypes.Ringing, "ringing", null, DateTimeOffset.UtcNow);
            broadcaster.Publish("globex", marker);
            var seenByGlobex = await globexStream.ReadUntilAsync(marker.CallId, CallNotificationTypes.Ringing);
            Assert.DoesNotContain(seenByGlobex, e => e.Data.GetProperty("callId").GetGuid() == acmeCall.CallId);
        }

        // Closed: its subscription is gone (pages of earlier tests may be leaving too, hence at most as many as before).
        await TwilioCallTracking.Testing.Eventually.TrueAsync(() => broadcaster.SubscriberCount("acme") <= acmeBefore);
    }

    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = SignInForm.Client(crm.BaseUrl);
        Assert.True(SignInForm.SignedIn(await SignInForm.PostAsync(client, email, CrmPages.DemoPassword)));
        return client;
    }
}
