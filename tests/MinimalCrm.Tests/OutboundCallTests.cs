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
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await CrmPages.SignInAsync(page, "alice@acme.test");

        var callId = await CallPages.ClickToCallAsync(page, "Alan Turing", "+14155550102");

        // No reload: the page follows the call as the simulator's webhooks arrive.
        await CallPages.ExpectStatusAsync(page, "completed");
        var summary = page.GetByTestId("call-summary");
        await Expect(summary.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration());
        await Expect(summary).ToContainTextAsync("Alan Turing");
        await CallPages.ExpectPlayableAsync(page, summary.GetByTestId("recording"));
        var timeline = page.GetByTestId("timeline");
        foreach (var evt in new[] { "outbound-requested", "outbound-accepted", "initiated", "ringing", "in-progress", "completed", "recording-completed" })
        {
            await Expect(timeline.Locator($"tr[data-event='{evt}']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        await timeline.Locator("tr[data-event='completed'] summary").First.ClickAsync();
        await Expect(timeline.Locator("tr[data-event='completed'] pre").First).ToContainTextAsync("\"CallDuration\"");
        await CrmPages.ScreenshotAsync(page, "04-call-detail-outbound");

        await page.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        var row = page.Locator($"tr[data-call-id='{callId}']");
        await Expect(row.Locator(".contact")).ToHaveTextAsync("Alan Turing");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("completed");
        await Expect(row.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration());
        await CallPages.ExpectPlayableAsync(page, row.GetByTestId("recording"));
        await CrmPages.ScreenshotAsync(page, "03-calls");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BusyNumber_EndsBusy_WithoutRecording()
    {
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await CrmPages.SignInAsync(page, "alice@acme.test");

        await CallPages.ClickToCallAsync(page, "Bea Busy", "+14155550001");

        await CallPages.ExpectStatusAsync(page, "busy");
        await Expect(page.GetByTestId("call-summary").GetByTestId("recording")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NumberTwilioRefuses_ShowsTwiliosError_AndTheCallFailed()
    {
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await CrmPages.SignInAsync(page, "alice@acme.test");

        await CallPages.ClickToCallAsync(page, "Ivan Invalid", "+15005550001");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Twilio error 21211");
        await CallPages.ExpectStatusAsync(page, "failed");
        await CrmPages.ScreenshotAsync(page, "04b-call-refused");
        await page.Context.CloseAsync();
    }
}
