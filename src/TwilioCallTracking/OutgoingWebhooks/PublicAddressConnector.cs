using System.Net;
using System.Net.Sockets;

namespace TwilioCallTracking;

/// <summary>
/// Connects outgoing webhooks only to public addresses: a host name that resolves to a loopback, private or link-local
/// address (a subscription aimed at the app's own network through DNS) is refused at connect time, after the URL's
/// own check passed. Off when private network URLs are allowed (Development).
/// </summary>
internal static class PublicAddressConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(PublicUrlRules.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{endpoint.Host} does not resolve to a public address; webhooks are sent to public hosts only.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
