using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

[Collection(BrowserTests.Name)]
public sealed class SettingsPageTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task Settings_ShowsTheWebhookUrls_AndNeverTheAuthToken()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings → Twilio" }).ClickAsync();

        await Expect(page.GetByLabel("Account SID")).ToHaveValueAsync("AC00000000000000000000000000000a01");
        await Expect(page.GetByLabel("Auth token")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByLabel("Auth token")).ToHaveAttributeAsync("placeholder", "saved — leave empty to keep it");
        await Expect(page.GetByTestId("answer-url")).ToHaveTextAsync($"{crm.BaseUrl}api/twilio/voice/answer");
        await Expect(page.GetByTestId("status-url")).ToHaveTextAsync($"{crm.BaseUrl}api/twilio/voice/status");
        Assert.DoesNotContain("simulator-auth-token-acme", await page.ContentAsync(), StringComparison.Ordinal);
        await CrmPages.ScreenshotAsync(page, "07-settings-twilio");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Settings_WithBadInput_ShowsFieldErrors_AndKeepsTheSavedSettings()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Settings/Twilio");

        await page.GetByLabel("Account SID").FillAsync("not-a-sid");
        await page.GetByLabel("Twilio number").FillAsync("12345");
        await page.GetByLabel("Auth token").FillAsync("a-new-secret-token-that-must-not-echo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByText("The account SID is 'AC' followed by 32 hex digits")).ToBeVisibleAsync();
        await Expect(page.GetByText("The Twilio number must be in E.164 format")).ToBeVisibleAsync();
        Assert.DoesNotContain("a-new-secret-token-that-must-not-echo", await page.ContentAsync(), StringComparison.Ordinal);
        await CrmPages.ScreenshotAsync(page, "07b-settings-errors");

        await page.GotoAsync("/Settings/Twilio");
        await Expect(page.GetByLabel("Account SID")).ToHaveValueAsync("AC00000000000000000000000000000b02");
        await Expect(page.GetByLabel("Twilio number")).ToHaveValueAsync("+15005550200");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RecordingNotice_IsSaved_ShownAgain_AndKeepsTheRecordingMode()
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        var configurations = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();
        var before = (await configurations.FindAsync(MinimalCrm.Data.DemoData.GlobexTenant))!;
        Assert.Empty(await configurations.SaveAsync(MinimalCrm.Data.DemoData.GlobexTenant, new TwilioSettings
        {
            AccountSid = before.AccountSid, PhoneNumber = before.PhoneNumber, ForwardToNumber = before.ForwardToNumber,
            RecordingMode = RecordingMode.RecordFromAnswer,
        }));
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Settings/Twilio");

        await page.GetByLabel("Recording notice").FillAsync("This call is recorded for training.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GotoAsync("/Settings/Twilio");

        await Expect(page.GetByLabel("Recording notice")).ToHaveValueAsync("This call is recorded for training.");
        var saved = (await configurations.FindAsync(MinimalCrm.Data.DemoData.GlobexTenant))!;
        Assert.Equal(("This call is recorded for training.", RecordingMode.RecordFromAnswer), (saved.RecordingNotice, saved.RecordingMode));

        await page.GetByLabel("Recording notice").FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Context.CloseAsync();
        Assert.Empty(await configurations.SaveAsync(MinimalCrm.Data.DemoData.GlobexTenant, new TwilioSettings
        {
            AccountSid = before.AccountSid, PhoneNumber = before.PhoneNumber, ForwardToNumber = before.ForwardToNumber, RecordingMode = before.RecordingMode,
        }));
    }

    [Fact]
    public async Task ApiKey_IsSaved_ItsSidShownAgain_AndItsSecretNever()
    {
        const string keySid = "SKabcdef0123456789abcdef0123456789";
        const string secret = "an-api-key-secret-that-must-not-echo";
        await using var scope = crm.App.Services.CreateAsyncScope();
        var configurations = scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>();
        var before = (await configurations.FindAsync(MinimalCrm.Data.DemoData.GlobexTenant))!;
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Settings/Twilio");
        await Expect(page.GetByLabel("API key secret")).ToHaveAttributeAsync("placeholder", "shown once by Twilio when the key is created");

        await page.GetByLabel("API key SID").FillAsync(keySid);
        await page.GetByLabel("API key secret").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GotoAsync("/Settings/Twilio");

        await Expect(page.GetByLabel("API key SID")).ToHaveValueAsync(keySid);
        await Expect(page.GetByLabel("API key secret")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByLabel("API key secret")).ToHaveAttributeAsync("placeholder", "saved — leave empty to keep it");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var saved = (await configurations.FindAsync(MinimalCrm.Data.DemoData.GlobexTenant))!;
        Assert.Equal(keySid, saved.ApiKeySid);
        Assert.DoesNotContain(secret, saved.ProtectedApiKeySecret!, StringComparison.Ordinal);
        await CrmPages.ScreenshotAsync(page, "07c-settings-api-key");

        // Clearing the SID goes back to the auth token (the simulator knows no API keys: the other tests need the token).
        await page.GetByLabel("API key SID").FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GotoAsync("/Settings/Twilio");
        await Expect(page.GetByLabel("API key SID")).ToHaveValueAsync(string.Empty);
        await page.Context.CloseAsync();
        var after = (await configurations.FindAsync(MinimalCrm.Data.DemoData.GlobexTenant))!;
        Assert.Equal(((string?)null, before.ProtectedAuthToken.Length > 0), (after.ApiKeySid, after.ProtectedAuthToken.Length > 0));
    }
}
