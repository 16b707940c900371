using Microsoft.Extensions.Options;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>Checks <see cref="TwilioCallTrackingOptions"/> at start, with messages that say what to fix.</summary>
internal sealed class TwilioCallTrackingOptionsValidator : IValidateOptions<TwilioCallTrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioCallTrackingOptions options)
    {
        var failures = new List<string>();
        if (EncryptionKeyMaterial.Check(options.EncryptionKey) is { } keyProblem)
        {
            failures.Add($"{TwilioCallTrackingOptionsBinder.EncryptionKeySetting} {keyProblem}: it encrypts tenants' Twilio auth tokens at rest. " +
                "Set the ENCRYPTION_KEY environment variable or TwilioCallTracking:EncryptionKey in configuration (a secret store, " +
                "user secrets, TwilioCallTracking__EncryptionKey), or options.EncryptionKey in AddTwilioCallTracking(options => …); " +
                "'openssl rand -base64 32' makes one.");
        }

        for (var i = 0; i < options.PreviousEncryptionKeys.Count; i++)
        {
            if (EncryptionKeyMaterial.Check(options.PreviousEncryptionKeys[i]) is { } problem)
            {
                failures.Add($"TwilioCallTracking:PreviousEncryptionKeys:{i} {problem}.");
            }
        }

        const string baseUrlSetting = TwilioCallTrackingOptionsBinder.PublicBaseUrlSetting;
        if (options.UnparsedPublicBaseUrl is { } unparsed)
        {
            failures.Add($"{baseUrlSetting} is not a URL (was '{unparsed}'): set it to the public https address Twilio calls, such as https://crm.example.com.");
        }
        else if (options.PublicBaseUrl is { } baseUrl && PublicUrlRules.Problem(baseUrl, options.AllowPrivateNetworkUrls) is { } urlProblem)
        {
            failures.Add($"{baseUrlSetting} {urlProblem} (was '{baseUrl}').");
        }
        else if (options.PublicBaseUrl is { Query.Length: > 0 } or { Fragment.Length: > 0 })
        {
            failures.Add($"{baseUrlSetting} must not have a query string or fragment: give the scheme, host, port and path base only.");
        }

        if (string.IsNullOrEmpty(options.WebhookPathPrefix) || options.WebhookPathPrefix[0] != '/' || options.WebhookPathPrefix.EndsWith('/'))
        {
            failures.Add($"TwilioCallTracking:WebhookPathPrefix must start with '/' and not end with one, like '/api/twilio/voice' (was '{options.WebhookPathPrefix}').");
        }

        if (options.DialTimeoutSeconds is < 5 or > 600)
        {
            failures.Add($"TwilioCallTracking:DialTimeoutSeconds must be between 5 and 600, as Twilio allows (was {options.DialTimeoutSeconds}).");
        }

        if (options.TwilioApiBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add("TwilioCallTracking:TwilioApiBaseUrl must be an absolute URL.");
        }

        if (options.ConfigurationCacheSize < 1 || options.ConfigurationCacheDuration < TimeSpan.Zero)
        {
            failures.Add("TwilioCallTracking:ConfigurationCacheSize must be at least 1 and TwilioCallTracking:ConfigurationCacheDuration not negative (00:00:00 turns the cache off).");
        }

        if (options.StoreTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"TwilioCallTracking:StoreTimeout must be at least 00:00:01, and well under Twilio's 15 s webhook timeout (default 00:00:10; was {options.StoreTimeout}).");
        }

        if (options.MaxConcurrencyRetries < 1)
        {
            failures.Add("TwilioCallTracking:MaxConcurrencyRetries must be at least 1.");
        }

        var notifications = options.Notifications;
        if (notifications.PollInterval <= TimeSpan.Zero || notifications.BatchSize < 1 || notifications.MaxConcurrentDeliveries < 1 || notifications.MaxAttempts < 1
            || notifications.HandlerTimeout <= TimeSpan.Zero || notifications.WebhookTimeout <= TimeSpan.Zero
            || notifications.FirstRetryDelay <= TimeSpan.Zero || notifications.MaxRetryDelay < notifications.FirstRetryDelay || notifications.Retention <= TimeSpan.Zero)
        {
            failures.Add("TwilioCallTracking:Notifications: PollInterval, HandlerTimeout, WebhookTimeout, FirstRetryDelay and Retention must be positive, " +
                "MaxRetryDelay at least FirstRetryDelay, and BatchSize, MaxConcurrentDeliveries and MaxAttempts at least 1.");
        }

        if (notifications.LeaseDuration <= notifications.HandlerTimeout || notifications.LeaseDuration <= notifications.WebhookTimeout)
        {
            failures.Add($"TwilioCallTracking:Notifications:LeaseDuration ({notifications.LeaseDuration}) must be longer than HandlerTimeout and WebhookTimeout: " +
                "a lease that ends while its delivery is still running lets another process deliver it at the same time.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
