using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>Settings → Webhooks, as an administrator uses it.</summary>
public static class WebhookPages
{
    /// <summary>
    /// Creates a subscription to <paramref name="url"/> for <paramref name="eventTypes"/> (none: all) and returns its id
    /// and the secret the list shows once after.
    /// </summary>
    public static async Task<(Guid Id, string Secret)> CreateAsync(IPage page, Uri url, string description, params string[] eventTypes)
    {
        await page.GotoAsync("/Settings/Webhooks");
        await page.GetByTestId("new-subscription").ClickAsync();
        await page.GetByLabel("URL").FillAsync(url.AbsoluteUri);
        foreach (var type in eventTypes)
        {
            await page.GetByTestId("event-types").GetByLabel(type).CheckAsync();
        }

        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        var secret = page.GetByTestId("webhook-secret").GetByTestId("secret");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_[A-Za-z0-9+/]{43}=$"));
        var row = Row(page, url);
        await Expect(row).ToHaveCountAsync(1);
        return (Guid.Parse((await row.GetAttributeAsync("data-subscription-id"))!), await secret.InnerTextAsync());
    }

    /// <summary>The list's row of the subscription to <paramref name="url"/>.</summary>
    public static ILocator Row(IPage page, Uri url) =>
        page.GetByTestId("subscriptions").Locator("tr[data-subscription-id]").Filter(new() { HasText = url.AbsoluteUri });
}
