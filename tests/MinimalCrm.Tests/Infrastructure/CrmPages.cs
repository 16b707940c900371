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

    /// <summary>Saves a full-page screenshot as <c>TestResults/screenshots/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
}
