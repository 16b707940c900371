using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

[Collection(BrowserTests.Name)]
public sealed class ContactsPageTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task Contacts_ListsTheTenantsContacts_WithAPhoneButtonPerNumber()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        var grace = page.Locator("tr[data-contact='Grace Hopper']");
        await Expect(grace).ToContainTextAsync("+14155550101");
        await Expect(grace.GetByRole(AriaRole.Button, new() { Name = "Call Grace Hopper at +14155550101" })).ToBeVisibleAsync();
        await Expect(grace.GetByRole(AriaRole.Button, new() { Name = "Call Grace Hopper at +14155550111" })).ToBeVisibleAsync();
        await CrmPages.ScreenshotAsync(page, "02-contacts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AddContact_WithTypedNumbers_StoresThemInE164()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        await AddContactAsync(page, "Katherine Johnson", "(757) 555-0142", "+44 20 7946 0000");

        await Expect(page.GetByText("Added Katherine Johnson.")).ToBeVisibleAsync();
        var row = page.Locator("tr[data-contact='Katherine Johnson']");
        await Expect(row).ToContainTextAsync("+17575550142");
        await Expect(row).ToContainTextAsync("+442079460000");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AddContact_WithABadNumber_ShowsTheError_AndAddsNothing()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");

        var form = await AddContactAsync(page, "Nobody Valid", "call me maybe");

        await Expect(form.GetByText("'call me maybe' is not a phone number")).ToBeVisibleAsync();
        await CrmPages.ScreenshotAsync(page, "02b-contacts-bad-number");
        await page.GotoAsync("/Contacts");
        await Expect(page.Locator("tr[data-contact='Nobody Valid']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static async Task<ILocator> AddContactAsync(IPage page, string name, string number, string? secondNumber = null)
    {
        var form = page.GetByTestId("add-contact");
        await form.GetByLabel("Name").FillAsync(name);
        await form.Locator("#NewContact_FirstNumber").FillAsync(number);
        if (secondNumber is not null)
        {
            await form.Locator("#NewContact_SecondNumber").FillAsync(secondNumber);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        return form;
    }
}
