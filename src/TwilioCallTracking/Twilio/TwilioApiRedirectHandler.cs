namespace TwilioCallTracking;

/// <summary>
/// Sends requests for <c>*.twilio.com</c> to another base address (a local Twilio simulator or test server) while keeping the path
/// and query the SDK built. Installed only when <see cref="TwilioCallTrackingOptions.TwilioApiBaseUrl"/> is set.
/// </summary>
/// <param name="baseUrl">Where requests go instead of <c>https://*.twilio.com</c>.</param>
internal sealed class TwilioApiRedirectHandler(Uri baseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Only Twilio's own hosts are redirected: a URL that already points elsewhere (the simulator) is left alone.
        if (request.RequestUri is { } uri
            && (uri.Host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase)))
        {
            var target = new UriBuilder(baseUrl)
            {
                Path = baseUrl.AbsolutePath.TrimEnd('/') + uri.AbsolutePath,
                Query = uri.Query.TrimStart('?'),
            };
            request.RequestUri = target.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
