using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// A live call page under watch: it counts the page's own refresh fetches (those live.js makes, marked
/// <c>X-Live-Refresh</c>) and its navigations, runs on Playwright's fake clock (so a timer can be fast-forwarded), and
/// carries a marker that a reload would wipe.
/// </summary>
public sealed class LivePage
{
    private const string CountRefreshes = """
        window.__liveRefreshes = 0;
        const fetchBefore = window.fetch;
        window.fetch = function (input, init) {
          if (init && init.headers && init.headers['X-Live-Refresh']) window.__liveRefreshes++;
          return fetchBefore.apply(this, arguments);
        };
        """;

    private int _navigations;

    private LivePage(IPage page) => Page = page;

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Opens <paramref name="path"/> in <paramref name="page"/> and waits until it listens to the call updates.</summary>
    public static async Task<LivePage> OpenAsync(IPage page, string path)
    {
        var live = new LivePage(page);
        await page.AddInitScriptAsync(CountRefreshes);
        await page.Clock.InstallAsync();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref live._navigations);
            }
        };
        await page.GotoAsync(path);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-live-state", "open");
        await Expect(page.GetByTestId("live-indicator")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__liveMarker = 'set before the change'; }");
        return live;
    }

    /// <summary>
    /// Fast-forwards the page's timers by a minute: a page that polled (every 2 s, as the sample once did) would fetch
    /// itself about 30 times. Only call it when nothing changes the page's call meanwhile.
    /// </summary>
    public async Task ExpectNoPollingAsync()
    {
        var before = await RefreshesAsync();
        await Page.Clock.RunForAsync("01:00");
        Assert.Equal(before, await RefreshesAsync());
    }

    /// <summary>The page was neither reloaded nor navigated since it was opened: the marker set then is still there.</summary>
    public async Task ExpectNotReloadedAsync()
    {
        Assert.Equal("set before the change", await Page.EvaluateAsync<string>("() => window.__liveMarker"));
        Assert.Equal(1, Volatile.Read(ref _navigations));
    }

    private Task<int> RefreshesAsync() => Page.EvaluateAsync<int>("() => window.__liveRefreshes");
}
