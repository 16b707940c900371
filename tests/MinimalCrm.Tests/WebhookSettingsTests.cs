using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimalCrm.Tests.Infrastructure;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using static Microsoft.Playwright.Assertions;

namespace MinimalCrm.Tests;

/// <summary>Settings → Webhooks: an administrator's outgoing webhook subscriptions and their delivery log.</summary>
[Collection(BrowserTests.Name)]
public sealed class WebhookSettingsTests(BrowserFixture browser, SqliteCrm crm)
{
    [Fact]
    public async Task Administrator_CreatesASubscription_SeesItsSecretOnce_AndErrorsNextToTheFields()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "bob@globex.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings → Webhooks" }).ClickAsync();
        await page.GetByTestId("new-subscription").ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Url']")).ToContainTextAsync("The URL field is required.");
        await page.GetByLabel("URL").FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Url']")).ToContainTextAsync("must be an absolute https URL, e.g.");
        await page.GetByLabel("URL").FillAsync("ftp://files.example.com/calls");
        await page.GetByLabel("Description").FillAsync(new string('x', 201));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Url']")).ToContainTextAsync("must be an absolute https URL");
        await Expect(page.Locator("[data-valmsg-for='Input.Description']")).ToContainTextAsync("at most 200 characters");
        await CrmPages.ScreenshotBothWidthsAsync(page, "12-webhook-form-errors");

        var url = new Uri("https://hooks.example.com/globex/calls");
        await page.GetByLabel("URL").FillAsync(url.AbsoluteUri);
        await page.GetByTestId("event-types").GetByLabel("call.ended").CheckAsync();
        await page.GetByTestId("event-types").GetByLabel("call.started").CheckAsync();
        await page.GetByLabel("Description").FillAsync("Billing export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();

        var secret = await page.GetByTestId("webhook-secret").GetByTestId("secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created the subscription for {url.AbsoluteUri}");
        var row = WebhookPages.Row(page, url);
        await Expect(row).ToContainTextAsync("Billing export");
        await Expect(row).ToContainTextAsync("call.ended, call.started");
        await Expect(row.GetByTestId("subscription-state")).ToHaveTextAsync("enabled");
        await CrmPages.ScreenshotBothWidthsAsync(page, "12-webhooks-secret");

        var subscriptionId = Guid.Parse((await row.GetAttributeAsync("data-subscription-id"))!);
        await page.ReloadAsync();
        await Expect(WebhookPages.Row(page, url)).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("webhook-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByLabel("URL")).ToHaveValueAsync(url.AbsoluteUri);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await CrmPages.ScreenshotBothWidthsAsync(page, "12-webhook-edit");
        await page.Context.CloseAsync();
        await DeleteAsync("globex", subscriptionId);
    }

    [Fact]
    public async Task Deliveries_AreSignedWithTheSecretShown_Logged_AndRedeliveredOnRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        var (subscriptionId, secret) = await WebhookPages.CreateAsync(page, receiver.Url, "Signed deliveries");

        var call = await SignedInboundCall.StartAsync(crm.App, "acme", "+12125550145");
        await call.ReportAsync("completed", duration: 12);
        var ended = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.Received.FirstOrDefault(r => Is(r, call.CallId, CallNotificationTypes.Ended))), r => r is not null);
        Assert.True(WebhookSignature.Verify(secret, ended!.Id, ended.Timestamp, ended.Signature, ended.Body, DateTimeOffset.UtcNow));

        // The log, once the attempt is recorded: filtered to the subscription, then to a state it has none in.
        await using (var scope = crm.App.Services.CreateAsyncScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>();
            await Eventually.ValueAsync(
                () => webhooks.ListDeliveriesAsync("acme", new NotificationDeliveryQuery { Target = NotificationTarget.Webhook(subscriptionId), CallId = call.CallId }),
                deliveries => deliveries.Count > 0 && deliveries.All(d => d.State == NotificationDeliveryState.Delivered));
        }

        await page.GotoAsync("/Settings/Webhooks");
        await page.GetByLabel("To").SelectOptionAsync(subscriptionId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = page.GetByTestId("deliveries").Locator($"tr[data-call-id='{call.CallId}']");
        var endedRow = rows.Filter(new() { HasText = CallNotificationTypes.Ended });
        await Expect(endedRow.GetByTestId("delivery-state")).ToHaveTextAsync("delivered");
        await Expect(endedRow.GetByTestId("delivery-attempts")).ToHaveTextAsync("1");
        await Expect(endedRow.GetByTestId("delivery-result")).ToContainTextAsync("HTTP 204");
        await Expect(endedRow).ToContainTextAsync(receiver.Url.AbsoluteUri);
        await Expect(page.GetByTestId("deliveries").Locator("tr[data-delivery-id]").Filter(new() { HasText = "(in-app)" })).ToHaveCountAsync(0);
        await CrmPages.ScreenshotBothWidthsAsync(page, "12-webhooks-log");

        await page.GetByLabel("State").SelectOptionAsync("Dead");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByTestId("deliveries")).ToContainTextAsync("No deliveries match the filter");
        await page.GetByLabel("State").SelectOptionAsync("Delivered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await endedRow.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Redelivering {CallNotificationTypes.Ended}");
        Assert.Contains($"Target={subscriptionId}", page.Url, StringComparison.OrdinalIgnoreCase);
        await Eventually.TrueAsync(() => receiver.Received.Count(r => r.Id == ended.Id) == 2);
        await page.Context.CloseAsync();
        await DeleteAsync("acme", subscriptionId);
    }

    [Fact]
    public async Task Subscription_IsDisabled_Enabled_Edited_Rotated_AndDeleted()
    {
        var page = await browser.SignedInPageAsync(crm.BaseUrl, "alice@acme.test");
        var url = new Uri("https://hooks.example.com/acme/rotate-me");
        var (_, firstSecret) = await WebhookPages.CreateAsync(page, url, "Rotated", "call.ended");
        var row = WebhookPages.Row(page, url);

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row.GetByTestId("subscription-state")).ToHaveTextAsync("disabled");
        await row.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(row.GetByTestId("subscription-state")).ToHaveTextAsync("enabled");

        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByTestId("event-types").GetByLabel("call.ended").UncheckAsync();
        await page.GetByLabel("Description").FillAsync("Every event");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Every event");
        await Expect(row.Locator("td[data-label='Events']")).ToHaveTextAsync("all");

        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        var rotated = await page.GetByTestId("webhook-secret").GetByTestId("secret").InnerTextAsync();
        Assert.StartsWith("whsec_", rotated, StringComparison.Ordinal);
        Assert.NotEqual(firstSecret, rotated);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("webhook-secret")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete subscription" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted the subscription");
        await Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // Nothing is left to deliver to after the test.
    private async Task DeleteAsync(string tenantId, Guid subscriptionId)
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>().DeleteAsync(tenantId, subscriptionId));
    }

    private static bool Is(ReceivedWebhook received, Guid callId, string type)
    {
        using var body = JsonDocument.Parse(received.Body);
        return body.RootElement.GetProperty("callId").GetGuid() == callId && body.RootElement.GetProperty("type").GetString() == type;
    }
}
