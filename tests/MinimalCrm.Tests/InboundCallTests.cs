using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>The seed's "Test Inbound Call (Forwarding)", with the simulator calling the tenant's number.</summary>
[Collection(BrowserTests.Name)]
public sealed class InboundCallTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task SimulatedIncomingCall_IsForwarded_Recorded_AndLinkedToTheCaller()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        await CallFlows.InboundAsync(page, "+14155550103", "Ada Lovelace", screenshotPrefix: "05");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SimulatedIncomingCall_FromSomethingThatIsNotANumber_SaysSo_AndNothingRings()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Calls");

        await page.GetByLabel("Caller").FillAsync("my neighbour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'my neighbour' is not a phone number");
        await Expect(page.Locator("tr[data-call-id]").Filter(new() { HasText = "inbound" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownCaller_OffersToCreateAContact_WithTheNumberFilledIn()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        await page.GotoAsync("/Calls");

        await page.GetByLabel("Caller").FillAsync("+12125550177");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call" }).ClickAsync();
        var row = page.Locator("tr[data-call-id]").Filter(new() { HasText = "+12125550177" });
        var create = row.GetByTestId("create-contact");
        await Expect(create).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "06-unknown-caller.png"), FullPage = true });
        await create.ClickAsync();

        await Expect(page.Locator("input[name='NewContact.FirstNumber']")).ToHaveValueAsync("+12125550177");
        await page.Context.CloseAsync();
    }
}
