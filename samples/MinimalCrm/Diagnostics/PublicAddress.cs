using System.Net;
using System.Net.Sockets;

namespace MinimalCrm.Diagnostics;

/// <summary>Tells whether Twilio, on the internet, could reach an address.</summary>
public static class PublicAddress
{
    private static readonly string[] LocalSuffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];

    /// <summary>Why Twilio could not reach <paramref name="url"/> (localhost, a private network address), or <see langword="null"/>.</summary>
    public static string? WhyUnreachable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || LocalSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{host}' is a name only this machine (or network) knows";
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return null;
        }

        if (IPAddress.IsLoopback(address))
        {
            return $"{address} is this machine's loopback address";
        }

        return IsPrivate(address) ? $"{address} is a private network address" : null;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] == 0;
    }
}
