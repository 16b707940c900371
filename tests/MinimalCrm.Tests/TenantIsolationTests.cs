using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimalCrm.Data;
using MinimalCrm.Tests.Infrastructure;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>Every page and API is scoped by the signed-in user's tenant.</summary>
[Collection(BrowserTests.Name)]
public sealed class TenantIsolationTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task OtherTenant_SeesNoneOfTheCalls_ContactsOrRecordings()
    {
        var alice = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        var callId = await CallPages.ClickToCallAsync(alice, "Grace Hopper", "+14155550101");
        await CallPages.ExpectStatusAsync(alice, "completed");
        await Expect(alice.GetByTestId("call-summary").GetByTestId("recording")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var bob = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await Expect(bob.GetByTestId("tenant")).ToHaveTextAsync("Globex Inc");
        await Expect(bob.Locator("tr[data-contact='Hank Scorpio']")).ToBeVisibleAsync();
        await Expect(bob.Locator("tr[data-contact='Grace Hopper']")).ToHaveCountAsync(0);

        await bob.GotoAsync("/Calls");
        await Expect(bob.Locator($"tr[data-call-id='{callId}']")).ToHaveCountAsync(0);
        await Expect(bob.GetByTestId("calls")).Not.ToContainTextAsync("+14155550101");
        await CrmPages.ScreenshotAsync(bob, "09-other-tenant-calls");

        Assert.Equal((int)HttpStatusCode.NotFound, (await bob.GotoAsync($"/Calls/{callId}"))!.Status);
        Assert.Equal((int)HttpStatusCode.NotFound, (await bob.APIRequest.GetAsync($"/api/calls/{callId}/recording")).Status);
        Assert.Equal((int)HttpStatusCode.NotFound, (await bob.APIRequest.GetAsync($"/api/calls/{callId}")).Status);
        var list = await (await bob.APIRequest.GetAsync("/api/calls")).TextAsync();
        Assert.DoesNotContain(callId.ToString(), list, StringComparison.OrdinalIgnoreCase);

        // Alice's own API sees it, and her player gets the audio.
        Assert.Equal((int)HttpStatusCode.OK, (await alice.APIRequest.GetAsync($"/api/calls/{callId}")).Status);
        var recording = await alice.APIRequest.GetAsync($"/api/calls/{callId}/recording");
        Assert.Equal((int)HttpStatusCode.OK, recording.Status);
        Assert.StartsWith("audio/", recording.Headers["content-type"], StringComparison.Ordinal);
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task ClickToCall_OnAnotherTenantsNumber_Is404_AndPlacesNoCall()
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        var gracesWorkPhone = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().ContactPhones
            .SingleAsync(p => p.TenantId == "acme" && p.Number == "+14155550111");

        var bob = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        var form = bob.Locator("tr[data-contact='Hank Scorpio'] form").First;
        await form.EvaluateAsync("(f, id) => f.action = f.action.replace(/phoneId=[^&]+/, 'phoneId=' + id)", gracesWorkPhone.Id.ToString());
        var response = await bob.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.NotFound, response.Status);
        var calls = scope.ServiceProvider.CallTracking();
        var all = new CallQuery { PageSize = CallQuery.MaxPageSize };
        Assert.DoesNotContain((await calls.ListCallsAsync("acme", all)).Concat(await calls.ListCallsAsync("globex", all)), c => c.To == "+14155550111");
        await bob.Context.CloseAsync();
    }
}
