using System.Net;
using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

[Collection(BrowserTests.Name)]
public sealed class SignInTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task DemoUser_SignsIn_AndSeesTheirTenant()
    {
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await CrmPages.ScreenshotAsync(page, "01-sign-in");

        await CrmPages.SignInAsync(page, "alice@acme.test");

        await Expect(page.GetByTestId("tenant")).ToHaveTextAsync("Acme Corp");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignInPage_InDevelopment_ListsTheDemoUsersWithTheirRoles()
    {
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await page.GotoAsync("/Account/Login");

        var demoUsers = page.GetByTestId("demo-users");
        await Expect(demoUsers).ToContainTextAsync("alice@acme.test (acme, admin)");
        await Expect(demoUsers).ToContainTextAsync("ravi@acme.test (acme, rep)");
        await Expect(demoUsers).ToContainTextAsync("bob@globex.test (globex, admin)");
        await Expect(demoUsers).ToContainTextAsync("rita@globex.test (globex, rep)");
        await Expect(demoUsers).ToContainTextAsync(CrmPages.DemoPassword);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_StaysOnSignIn_WithAMessage()
    {
        var page = await browser.NewPageAsync(crm.BaseUrl);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync("alice@acme.test");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByText("The e-mail address or the password is wrong.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Api_WithoutSignIn_Answers401()
    {
        using var http = new HttpClient { BaseAddress = crm.BaseUrl };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/diagnostics")).StatusCode);
    }
}
