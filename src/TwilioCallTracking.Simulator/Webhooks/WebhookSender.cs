using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using TwilioCallTracking.Simulator.Diagnostics;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>
/// Sends webhooks as Twilio does: form-encoded POST (or GET with the parameters in the query), signed with the
/// account's auth token over the exact URL, credentials in the URL sent as HTTP Basic and left out of the signature,
/// retried when the receiver cannot be reached. Every attempt goes to the log.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, TwilioSimulatorLog log, TimeProvider time, TwilioSimulatorOptions options, ILogger logger)
{
    public const string HttpClientName = "TwilioCallTracking.Simulator.Webhooks";

    public async Task<WebhookResponse> SendAsync(
        WebhookKind kind, string callSid, Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters, string authToken, CancellationToken cancellationToken)
    {
        var policy = WebhookRetryPolicy.From(url, options.WebhookTimeout);
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var target = Target(url, isGet ? parameters : []);
        var signature = TwilioWebhookSignature.Compute(authToken, TwilioWebhookSignature.SignedUrl(target), isGet ? [] : parameters);
        WebhookResponse response = new(null, null, "not sent");
        for (var attempt = 1; attempt <= policy.RetryCount + 1; attempt++)
        {
            var sentAt = time.GetUtcNow();
            response = await SendOnceAsync(target, url, isGet, parameters, signature, policy, cancellationToken);
            log.Add(new SimulatorWebhookRecord(sentAt, kind, callSid, target.AbsoluteUri, isGet ? "GET" : "POST", parameters, signature, attempt, response.Status, response.Error));
            if (response.Status is null)
            {
                Log.WebhookFailed(logger, kind, callSid, target.AbsoluteUri, attempt, response.Error ?? "no answer");
                continue;
            }

            Log.WebhookSent(logger, kind, callSid, target.AbsoluteUri, response.Status, attempt);
            break;
        }

        return response;
    }

    private static Uri Target(Uri url, IReadOnlyList<KeyValuePair<string, string>> queryParameters)
    {
        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
        if (queryParameters.Count > 0)
        {
            var extra = string.Join('&', queryParameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            var query = builder.Query.TrimStart('?');
            builder.Query = query.Length == 0 ? extra : query + "&" + extra;
        }

        return builder.Uri;
    }

    private async Task<WebhookResponse> SendOnceAsync(
        Uri target, Uri original, bool isGet, IReadOnlyList<KeyValuePair<string, string>> parameters, string signature, WebhookRetryPolicy policy, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, target);
        request.Headers.TryAddWithoutValidation(TwilioWebhookSignature.HeaderName, signature);
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        request.Headers.Accept.ParseAdd("*/*");
        if (original.UserInfo is { Length: > 0 } userInfo)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        if (!isGet)
        {
            request.Content = new FormUrlEncodedContent(parameters);
        }

        using var timeout = new CancellationTokenSource(policy.TotalTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            return new WebhookResponse((int)response.StatusCode, body, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, null, ex.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, null, $"no answer within {policy.TotalTimeout.TotalMilliseconds:0} ms");
        }
    }
}
