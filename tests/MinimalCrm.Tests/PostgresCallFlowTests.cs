using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>The seed's two scenarios again, with the CRM and call tracking on PostgreSQL.</summary>
[Collection(BrowserTests.Name)]
public sealed class PostgresCallFlowTests(BrowserFixture browser, PostgresCrm crm) : IClassFixture<PostgresCrm>
{
    [SkippableFact]
    public async Task Outbound_OnPostgreSql()
    {
        var page = await browser.SignedInPageAsync(await crm.StartAsync(), "alice@acme.test");

        await CallFlows.OutboundAsync(page, "Grace Hopper", "+14155550101", screenshotPrefix: "10-postgres");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Inbound_OnPostgreSql_AndTheOtherTenantSeesNothing()
    {
        var page = await browser.SignedInPageAsync(await crm.StartAsync(), "alice@acme.test");

        await CallFlows.InboundAsync(page, "+14155550103", "Ada Lovelace", screenshotPrefix: "10-postgres");

        var bob = await browser.SignedInPageAsync(await crm.StartAsync(), "bob@globex.test");
        await bob.GotoAsync("/Calls");
        await Expect(bob.GetByTestId("calls")).Not.ToContainTextAsync("+14155550103");
        await page.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }
}
