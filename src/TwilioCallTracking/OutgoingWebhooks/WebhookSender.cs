using System.Net.Http.Headers;
using System.Text;

namespace TwilioCallTracking;

/// <summary>
/// POSTs one notification to one subscription, signed, through the named client <see cref="HttpClientName"/> (quick
/// retries of transient failures by its resilience handler, no redirects followed). The answer's body is never read.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider time)
{
    public const string HttpClientName = "TwilioCallTracking.Webhooks";

    public async Task<WebhookSendResult> SendAsync(WebhookSubscription subscription, CallNotification notification, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(subscription);
        }
        catch (AuthTokenProtectionException)
        {
            return WebhookSendResult.Failed(null, "The subscription's secret cannot be opened with the configured keys: rotate its secret.");
        }

        var body = WebhookDeliveryBody.Of(notification);
        var id = notification.Id.ToString();
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, id, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TwilioCallTracking-Webhooks", "1"));

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? WebhookSendResult.Delivered(status)
                : WebhookSendResult.Failed(status, $"The receiver answered HTTP {status}.");
        }
        catch (HttpRequestException ex)
        {
            return WebhookSendResult.Failed(null, $"The receiver could not be reached: {ex.HttpRequestError}.");
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return WebhookSendResult.Failed(null, "The receiver did not answer in time.");
        }
    }
}

/// <summary>What came of one webhook attempt.</summary>
internal readonly record struct WebhookSendResult(bool Succeeded, int? StatusCode, string? Error)
{
    public static WebhookSendResult Delivered(int statusCode) => new(true, statusCode, null);

    public static WebhookSendResult Failed(int? statusCode, string error) => new(false, statusCode, error);
}
