using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimalCrm.Accounts;
using MinimalCrm.Data;
using MinimalCrm.Tests.Infrastructure;
using TwilioCallTracking;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>Only a tenant administrator sees or changes the tenant's Twilio settings, where its numbers send their calls, and its outgoing webhooks.</summary>
[Collection(BrowserTests.Name)]
public sealed class RoleTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task DemoTenants_HaveOneAdministratorAndOneRepEach()
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Users.OrderBy(u => u.Email).ToListAsync();

        Assert.Equal(
            [("alice@acme.test", "acme", CrmRole.Admin), ("bob@globex.test", "globex", CrmRole.Admin), ("ravi@acme.test", "acme", CrmRole.Rep), ("rita@globex.test", "globex", CrmRole.Rep)],
            users.Select(u => (u.Email, u.TenantId, u.Role)));
    }

    [Fact]
    public async Task Rep_SeesNoSettingsOrDiagnostics_AndIsRefusedThem()
    {
        var rep = await browser.SignedInPageAsync(crm.BaseUrl, "ravi@acme.test");
        await Expect(rep.GetByTestId("tenant")).ToHaveTextAsync("Acme Corp");
        await Expect(rep.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true })).ToBeVisibleAsync();
        await Expect(rep.GetByRole(AriaRole.Link, new() { Name = "Settings → Twilio" })).ToHaveCountAsync(0);
        await Expect(rep.GetByRole(AriaRole.Link, new() { Name = "Settings → Webhooks" })).ToHaveCountAsync(0);
        await Expect(rep.GetByRole(AriaRole.Link, new() { Name = "Diagnostics" })).ToHaveCountAsync(0);
        await CrmPages.ScreenshotAsync(rep, "10-rep-menu");

        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.GotoAsync("/Settings/Twilio"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.GotoAsync("/Diagnostics"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.GotoAsync("/Settings/Webhooks"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.GotoAsync("/Settings/Webhooks/Edit"))!.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.APIRequest.GetAsync("/api/diagnostics")).Status);
        var redirect = new Dictionary<string, object>
        {
            ["Input.AccountSid"] = "AC00000000000000000000000000000a01",
            ["Input.PhoneNumber"] = "+15005550100",
            ["Input.PublicBaseUrl"] = "https://attacker.example",
        };
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.APIRequest.PostAsync("/Settings/Twilio", new() { Form = Form(rep, redirect) })).Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.APIRequest.PostAsync("/Diagnostics?handler=PointNumber", new() { Form = Form(rep, []) })).Status);
        var hook = new Dictionary<string, object> { ["Input.Url"] = "https://attacker.example/calls", ["Input.Enabled"] = "true" };
        Assert.Equal((int)HttpStatusCode.Forbidden, (await rep.APIRequest.PostAsync("/Settings/Webhooks/Edit", new() { Form = Form(rep, hook) })).Status);

        await using var scope = crm.App.Services.CreateAsyncScope();
        var configuration = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().FindAsync("acme");
        Assert.Null(configuration!.PublicBaseUrl);
        var hooks = await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>().ListAsync("acme");
        Assert.DoesNotContain(hooks, h => h.Url.Host == "attacker.example");
        await rep.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_SeesSettingsAndDiagnostics()
    {
        var admin = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Settings → Twilio" }).ClickAsync();
        await Expect(admin.GetByLabel("Account SID")).ToHaveValueAsync("AC00000000000000000000000000000b02");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Settings → Webhooks" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Settings → Webhooks" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Diagnostics" }).ClickAsync();
        await Expect(admin.Locator("tr[data-check='configured']")).ToHaveAttributeAsync("data-outcome", "Pass");
        Assert.Equal((int)HttpStatusCode.OK, (await admin.APIRequest.GetAsync("/api/diagnostics")).Status);
        await admin.Context.CloseAsync();
    }

    private static IFormData Form(IPage page, Dictionary<string, object> values)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in values)
        {
            form.Set(name, value.ToString()!);
        }

        return form;
    }
}
