using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>What a person does in the CRM, as Playwright steps.</summary>
public static class CrmPages
{
    /// <summary>The demo users' password (README).</summary>
    public const string DemoPassword = "demo1234";

    /// <summary>Generous: the machine has two cores shared with other work.</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 60_000 };

    /// <summary>Signs in on the sign-in page and waits for the contacts.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
    }

    /// <summary>A phone's viewport (an iPhone 12–15 is 390 px wide).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Saves full-page screenshots at the page's (desktop) width and at a phone's: <c>{name}.png</c> and <c>{name}-390.png</c>.</summary>
    public static async Task ScreenshotBothWidthsAsync(IPage page, string name)
    {
        var desktop = page.ViewportSize;
        await ScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ScreenshotAsync(page, name + "-390");
        if (desktop is not null)
        {
            await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
        }
    }

    /// <summary>Saves a full-page screenshot as <c>TestResults/screenshots/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
}
