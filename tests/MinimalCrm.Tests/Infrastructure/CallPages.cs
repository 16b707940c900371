using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TwilioCallTracking.Testing;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>Steps and checks around calls: place one, simulate one, wait for it to end, check its recording plays.</summary>
public static partial class CallPages
{
    /// <summary>Presses the phone button of a contact's number and waits for the call's page.</summary>
    public static async Task<Guid> ClickToCallAsync(IPage page, string contact, string number)
    {
        await page.GotoAsync("/Contacts");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Call {contact} at {number}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(CallUrl());
        return Guid.Parse(CallUrl().Match(page.Url).Groups[1].Value);
    }

    /// <summary>Waits, on a call's page, until the call shows <paramref name="status"/> (it comes from the simulator's webhooks).</summary>
    public static async Task ExpectStatusAsync(IPage page, string status) =>
        await Expect(page.GetByTestId("call-summary").GetByTestId("status")).ToHaveTextAsync(status, CrmPages.Patient);

    /// <summary>Waits until the audio element's media loaded and has a length: the recording plays.</summary>
    public static async Task ExpectPlayableAsync(IPage page, ILocator audio)
    {
        await Expect(audio).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var handle = await audio.ElementHandleAsync();
        await page.WaitForFunctionAsync(
            "a => { if (a.preload !== 'auto') { a.preload = 'auto'; a.load(); } return a.readyState >= 1 && isFinite(a.duration) && a.duration > 0; }",
            handle, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 250 });
    }

    /// <summary>
    /// Reloads the page until the timeline has a row of <paramref name="eventType"/>, and returns it: for a callback that
    /// changes nothing the call shows (a recording callback repeating what the completed status callback said), which
    /// raises no call notification, so the live page does not fetch itself for it.
    /// </summary>
    public static async Task<ILocator> ReloadUntilTimelineHasAsync(IPage page, string eventType)
    {
        var row = page.GetByTestId("timeline").Locator($"tr[data-event='{eventType}']").First;
        await Eventually.ValueAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await row.CountAsync();
            },
            count => count > 0,
            TimeSpan.FromSeconds(60));
        return row;
    }

    /// <summary>A duration shown as m:ss, not zero.</summary>
    public static Regex NonZeroDuration() => NonZeroDurationPattern();

    [GeneratedRegex(@"/Calls/([0-9a-f-]{36})$")]
    private static partial Regex CallUrl();

    [GeneratedRegex(@"^\d+:(?!00$)\d\d$|^[1-9]\d*:\d\d$")]
    private static partial Regex NonZeroDurationPattern();
}
