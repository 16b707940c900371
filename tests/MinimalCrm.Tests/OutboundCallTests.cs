using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>The seed's "Test Outbound Call": Contacts → phone icon → the call reaches completed, recorded.</summary>
[Collection(BrowserTests.Name)]
public sealed class OutboundCallTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task ClickToCall_ReachesCompleted_WithADuration_APlayableRecording_AndItsTimeline()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        await CallFlows.OutboundAsync(page, "Alan Turing", "+14155550102", screenshotPrefix: "03");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BusyNumber_EndsBusy_WithoutRecording()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        await CallPages.ClickToCallAsync(page, "Bea Busy", "+14155550001");

        await CallPages.ExpectStatusAsync(page, "busy");
        await Expect(page.GetByTestId("call-summary").GetByTestId("duration")).ToHaveTextAsync("—");
        await Expect(page.GetByTestId("call-summary").GetByTestId("recording")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NumberTwilioRefuses_ShowsTwiliosError_AndTheCallFailed()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        await CallPages.ClickToCallAsync(page, "Ivan Invalid", "+15005550001");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Twilio error 21211");
        await CallPages.ExpectStatusAsync(page, "failed");
        await CrmPages.ScreenshotAsync(page, "04-call-refused");
        await page.Context.CloseAsync();
    }
}
