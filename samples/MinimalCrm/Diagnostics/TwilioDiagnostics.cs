using Microsoft.Extensions.Options;
using MinimalCrm.Setup;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using TwilioCallTracking;
using TwilioCallTracking.Configuration;
using TwilioCallTracking.TwilioApi;

namespace MinimalCrm.Diagnostics;

/// <summary>
/// The seed's troubleshooting list, run against the tenant's real Twilio account (or the simulator's): is Twilio
/// configured, are the credentials valid, can Twilio reach the public base URL, does the number point at this app, and
/// what happened to the webhooks lately.
/// </summary>
public sealed class TwilioDiagnostics(
    TwilioConfigurationService configurations,
    ITwilioClientFactory clients,
    NumberWebhooks numbers,
    IOptions<TwilioCallTrackingOptions> options,
    CrmSettings settings,
    TimeProvider time)
{
    /// <summary>Runs every check for <paramref name="tenantId"/>.</summary>
    public async Task<DiagnosticsReport> RunAsync(string tenantId, CancellationToken cancellationToken)
    {
        var checks = new List<DiagnosticCheck>();
        var configuration = await configurations.FindAsync(tenantId, cancellationToken);
        checks.Add(configuration is null
            ? new("configured", "Twilio is configured", CheckOutcome.Fail,
                CallTrackingService.NotConfiguredMessage(tenantId), "Open Settings → Twilio and save the account SID, auth token and Twilio number.")
            : new("configured", "Twilio is configured", CheckOutcome.Pass,
                $"Account {configuration.AccountSid}, number {configuration.PhoneNumber}, inbound calls forwarded to {configuration.ForwardToNumber ?? "nobody"}."));

        checks.Add(PublicUrlCheck(configuration));
        if (configuration is not null)
        {
            var credentials = await CredentialsCheckAsync(configuration);
            checks.Add(credentials);
            if (credentials.Outcome == CheckOutcome.Pass)
            {
                checks.Add(await NumberCheckAsync(configuration));
            }
        }

        return new DiagnosticsReport(tenantId, settings.IsSimulator ? "simulator" : "real", time.GetUtcNow(), checks);
    }

    private DiagnosticCheck PublicUrlCheck(TwilioConfiguration? configuration)
    {
        const string title = "The public base URL is reachable from the internet";
        if ((configuration?.PublicBaseUrl ?? options.Value.PublicBaseUrl) is not { } url)
        {
            return new("public-url", title, CheckOutcome.Fail, "No public base URL is set, so Twilio cannot report call progress.",
                "Set NEXT_PUBLIC_APP_URL to this app's public https address (a tunnel's URL for local testing), or the tenant's own under Settings → Twilio.");
        }

        if (PublicAddress.WhyUnreachable(url) is { } reason)
        {
            return new("public-url", title, CheckOutcome.Warning,
                $"Twilio calls back at {url}, but {reason}." + (settings.IsSimulator ? " The built-in simulator runs inside this app, so it works here." : string.Empty),
                "Real Twilio cannot reach it: deploy the app, or start a tunnel (ngrok http 5080, lt --port 5080) and set NEXT_PUBLIC_APP_URL to its https URL.");
        }

        return url.Scheme != Uri.UriSchemeHttps
            ? new("public-url", title, CheckOutcome.Warning, $"Twilio calls back at {url} over plain http.", "Use https, so the webhooks (and their signatures) cannot be read or altered on the way.")
            : new("public-url", title, CheckOutcome.Pass, $"Twilio calls back at {url}.");
    }

    private async Task<DiagnosticCheck> CredentialsCheckAsync(TwilioConfiguration configuration)
    {
        const string title = "The Twilio credentials are valid";
        try
        {
            var account = await AccountResource.FetchAsync(new FetchAccountOptions { PathSid = configuration.AccountSid }, clients.Create(configuration));
            return new("credentials", title, CheckOutcome.Pass, $"Twilio accepted the credentials of '{account.FriendlyName}' ({account.Sid}, {account.Status}).");
        }
        catch (ApiException ex)
        {
            return new("credentials", title, CheckOutcome.Fail, $"Twilio refused them: {ex.Message} (error {ex.Code}, HTTP {ex.Status}).",
                "Copy the account SID and the primary auth token from Twilio Console → Account info into Settings → Twilio (a subaccount has its own token).");
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException)
        {
            return new("credentials", title, CheckOutcome.Fail, $"Twilio could not be reached: {ex.Message}",
                "Check this server's outbound internet access (https to api.twilio.com).");
        }
    }

    private async Task<DiagnosticCheck> NumberCheckAsync(TwilioConfiguration configuration)
    {
        const string title = "The Twilio number sends its calls to this app";
        var number = await numbers.FindAsync(configuration);
        if (number is null)
        {
            return new("number-webhooks", title, CheckOutcome.Fail, $"The account does not own {configuration.PhoneNumber}.",
                "Buy or port the number into this account (Phone Numbers → Manage → Active Numbers), or fix the number under Settings → Twilio.");
        }

        var expected = numbers.ExpectedUrls(configuration)!;
        var problems = new List<string>();
        if (!SameUrl(number.VoiceUrl, expected.Answer))
        {
            problems.Add($"its Voice URL is {Show(number.VoiceUrl)} instead of {expected.Answer}");
        }

        if (!SameUrl(number.StatusCallback, expected.ConsoleStatus))
        {
            problems.Add($"its status callback is {Show(number.StatusCallback)} instead of {expected.ConsoleStatus}");
        }

        return problems.Count == 0
            ? new("number-webhooks", title, CheckOutcome.Pass, $"{configuration.PhoneNumber} answers with {expected.Answer} and reports to {expected.ConsoleStatus}.")
            : new("number-webhooks", title, CheckOutcome.Fail,
                $"Inbound calls to {configuration.PhoneNumber} will not be tracked: {string.Join("; ", problems)}.",
                "Press “Point the number at this app”, or paste the URLs from Settings → Twilio into Phone Numbers → Manage → Active Numbers → your number → Voice.");
    }

    private static bool SameUrl(Uri? actual, Uri expected) =>
        actual is not null && string.Equals(actual.AbsoluteUri.TrimEnd('/'), expected.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string Show(Uri? url) => url is null ? "empty" : url.AbsoluteUri;
}
