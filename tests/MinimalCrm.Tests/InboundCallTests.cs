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
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await CrmPages.SignInAsync(page, "alice@acme.test");
        await page.GotoAsync("/Calls");

        await page.GetByLabel("Caller").FillAsync("+14155550103");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call" }).ClickAsync();

        // The new call appears in the list by itself and goes to completed.
        var row = page.Locator("tr[data-call-id]").Filter(new() { HasText = "inbound" }).Filter(new() { HasText = "+14155550103" }).First;
        await Expect(row.Locator(".contact")).ToHaveTextAsync("Ada Lovelace", CrmPages.Patient);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("completed", CrmPages.Patient);
        await Expect(row.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration(), CrmPages.Patient);
        await CallPages.ExpectPlayableAsync(page, row.GetByTestId("recording"));
        await CrmPages.ScreenshotAsync(page, "06-calls-inbound");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("forwarded")).ToContainTextAsync("completed", CrmPages.Patient);
        var timeline = page.GetByTestId("timeline");
        foreach (var evt in new[] { "inbound-answered", "dial-completed", "recording-completed" })
        {
            await Expect(timeline.Locator($"tr[data-event='{evt}']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        await CallPages.ExpectPlayableAsync(page, page.GetByTestId("call-summary").GetByTestId("recording"));
        await CrmPages.ScreenshotAsync(page, "07-call-detail-inbound");
        await page.Context.CloseAsync();
    }
}
