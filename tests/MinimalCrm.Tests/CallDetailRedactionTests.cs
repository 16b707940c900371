using Microsoft.Playwright;
using MinimalCrm.Setup;
using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>What Twilio keeps private (the recording's own URL, the account SID) never reaches the browser.</summary>
[Collection(BrowserTests.Name)]
public sealed class CallDetailRedactionTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task CallDetail_Timeline_ShowsNoRecordingUrl_NorTheAccountSid()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        var callId = await CallPages.ClickToCallAsync(page, "Linus Torvalds", "+14155550104");
        await CallPages.ExpectStatusAsync(page, "completed");
        var recording = await CallPages.ReloadUntilTimelineHasAsync(page, "recording-completed");
        await recording.Locator("summary").ClickAsync();

        await Expect(recording.Locator("pre")).ToContainTextAsync("\"RecordingSid\": \"RE");
        var html = await (await page.APIRequest.GetAsync($"/Calls/{callId}")).TextAsync();
        var json = await (await page.APIRequest.GetAsync($"/api/calls/{callId}")).TextAsync();
        foreach (var served in new[] { await page.ContentAsync(), html, json })
        {
            Assert.DoesNotContain("RecordingUrl", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/Recordings/", served, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountSid", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SimulatorSetup.Acme.AccountSid, served, StringComparison.Ordinal);
        }

        await CrmPages.ScreenshotAsync(page, "05-timeline-redacted");
        await page.Context.CloseAsync();
    }
}
