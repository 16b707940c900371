using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>The seed's troubleshooting list, run against the simulator.</summary>
[Collection(BrowserTests.Name)]
public sealed class DiagnosticsPageTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task Diagnostics_PassesAgainstTheSimulator_ButWarnsThatRealTwilioCannotReachLocalhost()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Diagnostics" }).ClickAsync();

        await Expect(Check(page, "configured")).ToHaveAttributeAsync("data-outcome", "Pass");
        await Expect(Check(page, "credentials")).ToHaveAttributeAsync("data-outcome", "Pass");
        await Expect(Check(page, "number-webhooks")).ToHaveAttributeAsync("data-outcome", "Pass");
        await Expect(Check(page, "public-url")).ToHaveAttributeAsync("data-outcome", "Warning");
        await Expect(Check(page, "public-url")).ToContainTextAsync("127.0.0.1 is this machine's loopback address");
        await CrmPages.ScreenshotAsync(page, "08-diagnostics");

        using var json = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/diagnostics")).TextAsync());
        Assert.Equal("acme", json.RootElement.GetProperty("tenantId").GetString());
        Assert.Equal("simulator", json.RootElement.GetProperty("mode").GetString());
        var outcomes = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("outcome").GetString());
        Assert.Equal("Pass", outcomes["credentials"]);
        Assert.Equal("Warning", outcomes["public-url"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ForgedWebhook_IsRefused_AndDiagnosticsShowsTheUrlItWasCheckedAgainst()
    {
        using var http = new HttpClient { BaseAddress = crm.BaseUrl };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/voice/status?tenant=globex")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CallSid"] = "CA" + new string('0', 32),
                ["AccountSid"] = "AC00000000000000000000000000000b02",
                ["CallStatus"] = "completed",
            }),
        };
        forged.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(new byte[20]));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.SendAsync(forged)).StatusCode);

        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Diagnostics");
        await Expect(Check(page, "signatures")).ToHaveAttributeAsync("data-outcome", "Fail");
        await Expect(Check(page, "signatures")).ToContainTextAsync($"mismatch signature for {crm.BaseUrl}api/twilio/voice/status?tenant=globex");
        await Expect(page.GetByTestId("signature-failures")).ToContainTextAsync($"{crm.BaseUrl}api/twilio/voice/status?tenant=globex");
        await CrmPages.ScreenshotAsync(page, "08b-diagnostics-signature-failure");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NumberPointingElsewhere_Fails_AndTheButtonPointsItBackThroughTheApi()
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        var configuration = (await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().FindAsync("globex"))!;
        var client = scope.ServiceProvider.GetRequiredService<ITwilioClientFactory>().Create(configuration);
        var number = (await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PathAccountSid = configuration.AccountSid, PhoneNumber = new PhoneNumber(configuration.PhoneNumber) }, client)).Single();
        await IncomingPhoneNumberResource.UpdateAsync(
            new UpdateIncomingPhoneNumberOptions(number.Sid) { PathAccountSid = configuration.AccountSid, VoiceUrl = new Uri("https://old-tunnel.example/answer") }, client);

        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GotoAsync("/Diagnostics");
        await Expect(Check(page, "number-webhooks")).ToHaveAttributeAsync("data-outcome", "Fail");
        await Expect(Check(page, "number-webhooks")).ToContainTextAsync("its Voice URL is https://old-tunnel.example/answer instead of");
        await CrmPages.ScreenshotAsync(page, "08c-diagnostics-number-elsewhere");

        await page.GetByRole(AriaRole.Button, new() { Name = "Point the number at this app" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("+15005550200 now sends its calls to this app.");
        await Expect(Check(page, "number-webhooks")).ToHaveAttributeAsync("data-outcome", "Pass");
        await page.Context.CloseAsync();
    }

    private static ILocator Check(IPage page, string id) => page.Locator($"tr[data-check='{id}']");
}
