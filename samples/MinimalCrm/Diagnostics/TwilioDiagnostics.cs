using Microsoft.Extensions.Options;
using MinimalCrm.Setup;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using TwilioCallTracking;

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
    WebhookDiagnostics webhooks,
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
                TwilioConfigurationService.NotConfiguredMessage(tenantId), "Open Settings → Twilio and save the account SID, auth token and Twilio number.")
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

        checks.Add(LastWebhookCheck(tenantId));
        var failures = webhooks.GetRecentSignatureFailures(tenantId);
        checks.Add(SignatureCheck(failures));
        return new DiagnosticsReport(tenantId, settings.IsSimulator ? "simulator" : "real", time.GetUtcNow(), checks, failures);
    }

    private DiagnosticCheck LastWebhookCheck(string tenantId)
    {
        const string title = "Twilio's webhooks arrive";
        if (webhooks.GetLastWebhookReceivedAt(tenantId) is not { } last)
        {
            return new("last-webhook", title, CheckOutcome.Info, "No webhook from Twilio has reached this app for this tenant since it started.",
                "Place a call: if its status never moves past queued, Twilio cannot reach the public base URL (check it above, and the tunnel).");
        }

        var ago = time.GetUtcNow() - last;
        return new("last-webhook", title, CheckOutcome.Pass,
            $"The last one arrived at {last.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({(ago.TotalMinutes < 1 ? "less than a minute" : $"{(int)ago.TotalMinutes} min")} ago), with a valid signature.");
    }

    private DiagnosticCheck SignatureCheck(IReadOnlyList<WebhookSignatureFailure> failures)
    {
        const string title = "Webhook signatures are valid";
        if (failures.Count == 0)
        {
            return new("signatures", title, CheckOutcome.Pass, "No webhook has been refused for its X-Twilio-Signature since the app started.");
        }

        var latest = failures[0];
        var publicBaseUrl = options.Value.PublicBaseUrl;
        return new("signatures", title, CheckOutcome.Fail,
            $"{failures.Count} webhook(s) refused; the latest, {latest.Kind} at {latest.At.UtcDateTime:HH:mm:ss} UTC, had a {latest.Reason} signature for {latest.Url}.",
            latest.Reason == "token-unreadable"
                ? "The tenant's stored auth token cannot be decrypted for this tenant (the encryption key changed without the old one in " +
                  "PreviousEncryptionKeys, or the value was copied from another tenant's row): re-enter the auth token under Settings → Twilio."
                : $"The app checked the signature against {latest.Url}. If Twilio called another URL (scheme, host, port or path: a proxy, a tunnel, " +
                  $"a port that is not the public one), set NEXT_PUBLIC_APP_URL (now {publicBaseUrl?.ToString() ?? "not set"}) or the tenant's public base URL to exactly " +
                  "the address configured at Twilio. If it is the same URL, the auth token is wrong: re-enter it under Settings → Twilio (a subaccount signs with its own).");
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
