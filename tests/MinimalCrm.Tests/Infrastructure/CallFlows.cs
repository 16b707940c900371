using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// The seed's two test scenarios as a person runs them in the browser, shared by the SQLite and PostgreSQL runs.
/// Nothing here touches the database or the simulator: everything is seen on the pages.
/// </summary>
public static class CallFlows
{
    /// <summary>Test Outbound Call: click-to-call a contact, see it completed with a duration, a playable recording and its timeline.</summary>
    /// <returns>The call's id.</returns>
    public static async Task<Guid> OutboundAsync(IPage page, string contact, string number, string? screenshotPrefix = null)
    {
        var callId = await CallPages.ClickToCallAsync(page, contact, number);

        // No reload: the page follows the call as the simulator's webhooks arrive.
        await CallPages.ExpectStatusAsync(page, "completed");
        var summary = page.GetByTestId("call-summary");
        await Expect(summary.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration());
        await Expect(summary).ToContainTextAsync(contact);
        await CallPages.ExpectPlayableAsync(page, summary.GetByTestId("recording"));
        var timeline = page.GetByTestId("timeline");
        foreach (var evt in new[] { "outbound-requested", "outbound-accepted", "initiated", "ringing", "in-progress", "completed" })
        {
            await Expect(timeline.Locator($"tr[data-event='{evt}']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        // The completed status callback already carried the recording: the recording callback after it changes nothing the
        // call shows and raises no notification, so its timeline row is there on reload (or with the next update).
        await CallPages.ReloadUntilTimelineHasAsync(page, "recording-completed");

        await timeline.Locator("tr[data-event='completed'] summary").First.ClickAsync();
        await Expect(timeline.Locator("tr[data-event='completed'] pre").First).ToContainTextAsync("\"CallDuration\"");
        await Screenshot(page, screenshotPrefix, "call-detail-outbound");

        await page.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        var row = page.Locator($"tr[data-call-id='{callId}']");
        await Expect(row.Locator(".contact")).ToHaveTextAsync(contact);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("completed");
        await Expect(row.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration());
        await CallPages.ExpectPlayableAsync(page, row.GetByTestId("recording"));
        await Screenshot(page, screenshotPrefix, "calls");
        return callId;
    }

    /// <summary>Test Inbound Call (Forwarding): the simulator calls the tenant's number from <paramref name="caller"/>; the call is forwarded, recorded and linked to the caller.</summary>
    public static async Task InboundAsync(IPage page, string caller, string contact, string? screenshotPrefix = null)
    {
        await page.GotoAsync("/Calls");
        await page.GetByLabel("Caller").FillAsync(caller);
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call" }).ClickAsync();

        // The new call appears in the list by itself and goes to completed.
        var row = page.Locator("tr[data-call-id]").Filter(new() { HasText = "inbound" }).Filter(new() { HasText = caller }).First;
        await Expect(row.Locator(".contact")).ToHaveTextAsync(contact, CrmPages.Patient);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("completed", CrmPages.Patient);
        await Expect(row.GetByTestId("duration")).ToHaveTextAsync(CallPages.NonZeroDuration(), CrmPages.Patient);
        await CallPages.ExpectPlayableAsync(page, row.GetByTestId("recording"));
        await Screenshot(page, screenshotPrefix, "calls-inbound");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("forwarded")).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        var timeline = page.GetByTestId("timeline");
        foreach (var evt in new[] { "inbound-answered", "dial-completed", "recording-completed" })
        {
            await Expect(timeline.Locator($"tr[data-event='{evt}']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        await CallPages.ExpectPlayableAsync(page, page.GetByTestId("call-summary").GetByTestId("recording"));
        await Screenshot(page, screenshotPrefix, "call-detail-inbound");
    }

    private static async Task Screenshot(IPage page, string? prefix, string name)
    {
        if (prefix is not null)
        {
            await CrmPages.ScreenshotAsync(page, $"{prefix}-{name}");
        }
    }
}
