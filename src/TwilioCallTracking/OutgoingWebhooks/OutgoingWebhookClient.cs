using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace TwilioCallTracking;

/// <summary>
/// The named HTTP client outgoing webhooks are sent with: no redirects followed, public addresses only (outside
/// Development), and a resilience handler that retries a transient failure (a connection error, 408, 429, 5xx) twice
/// within the attempt, one to two seconds apart, each try limited to ten seconds. Longer outages are the outbox's:
/// the delivery is attempted again later, with backoff.
/// </summary>
internal static class OutgoingWebhookClient
{
    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (!provider.GetRequiredService<IOptions<TwilioCallTrackingOptions>>().Value.AllowPrivateNetworkUrls)
                {
                    handler.ConnectCallback = PublicAddressConnector.ConnectAsync;
                }

                return handler;
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("outgoing-webhook", pipeline =>
            {
                // The quick retries pace real network calls within one attempt, so they wait in real time; the outbox's
                // backoff between attempts follows the host's TimeProvider.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromSeconds(1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddTimeout(TimeSpan.FromSeconds(10));
            });
    }
}
