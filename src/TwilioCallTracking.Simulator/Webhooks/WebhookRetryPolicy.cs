using System.Globalization;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>
/// Twilio's connection overrides, read from the callback URL's fragment (<c>#rc=2&amp;tt=10000</c>): retry count (0–5,
/// default 1) and total timeout (ms, default 15000). The connect timeout (<c>ct</c>) is not simulated.
/// </summary>
internal sealed record WebhookRetryPolicy(int RetryCount, TimeSpan TotalTimeout)
{
    public static WebhookRetryPolicy From(Uri url, TimeSpan defaultTotal)
    {
        var retries = 1;
        var total = defaultTotal;
        foreach (var part in url.Fragment.TrimStart('#').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            switch (pair[0])
            {
                case "rc":
                    retries = Math.Clamp(value, 0, 5);
                    break;
                case "tt":
                    total = TimeSpan.FromMilliseconds(Math.Clamp(value, 100, 15_000));
                    break;
            }
        }

        return new WebhookRetryPolicy(retries, total);
    }
}
