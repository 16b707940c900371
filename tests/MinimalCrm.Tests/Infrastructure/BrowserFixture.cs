using Microsoft.Playwright;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: the system's <c>/usr/bin/chromium</c> (Debian's package), driven by
/// Playwright's driver that ships inside the Microsoft.Playwright package (no browser download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Chromium is installed (CI installs Debian's <c>chromium</c> package).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are saved: <c>TestResults/screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run 'bash scripts/install-test-deps.sh' (apt-get install chromium).");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on <paramref name="baseUrl"/>, and a page in it.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return page;
    }

    /// <summary>A fresh browser context on <paramref name="baseUrl"/>, signed in as <paramref name="email"/> (a demo user).</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseUrl, string email)
    {
        var page = await NewPageAsync(baseUrl);
        await CrmPages.SignInAsync(page, email);
        return page;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
