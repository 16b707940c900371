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
}
