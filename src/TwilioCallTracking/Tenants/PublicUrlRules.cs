using System.Net;
using System.Net.Sockets;

namespace TwilioCallTracking;

/// <summary>
/// Which URLs may be handed to Twilio (or called) as public addresses: absolute https URLs on a public host. Loopback,
/// private, shared (CGNAT), link-local and unspecified addresses, <c>localhost</c> and single-label host names are
/// refused unless private network URLs are allowed (<see cref="TwilioCallTrackingOptions.AllowPrivateNetworkUrls"/>,
/// on in the Development environment), which also allows http.
/// </summary>
internal static class PublicUrlRules
{
    /// <summary>What is wrong with <paramref name="url"/> as a public URL, or <see langword="null"/> when it is fine.</summary>
    public static string? Problem(Uri url, bool allowPrivateNetwork)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute https URL such as https://crm.example.com";
        }

        if (allowPrivateNetwork)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "must use https (http is allowed only in Development, or with AllowPrivateNetworkUrls)";
        }

        return IsPublicHost(url) ? null
            : $"must be on a public host, not '{url.Host}' (loopback, private and link-local addresses, localhost and single-label names are " +
              "allowed only in Development, or with AllowPrivateNetworkUrls)";
    }

    private static bool IsPublicHost(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IsPublic(address);
        }

        var host = url.IdnHost.TrimEnd('.');
        return host.Contains('.', StringComparison.Ordinal)
            && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
    }
}
