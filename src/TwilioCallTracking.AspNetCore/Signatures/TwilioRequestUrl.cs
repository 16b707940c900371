using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The URL Twilio requested, as the app rebuilds it to check <c>X-Twilio-Signature</c>: scheme, host, port, path and
/// query exactly as sent (the query is kept byte for byte, percent-encoding included). Built from the public base URL
/// when one is configured (tunnels, load balancers, reverse proxies), otherwise from the request as the forwarded
/// headers middleware left it. Holds slices of existing strings: building it allocates nothing.
/// </summary>
/// <param name="Scheme">The scheme, <c>https</c> or <c>http</c>.</param>
/// <param name="Host">The host name, without port or credentials.</param>
/// <param name="Port">The port as it appeared in the URL, or -1 when none did.</param>
/// <param name="PathBase">The escaped path prefix before <paramref name="Path"/> (the public base URL's path), or empty.</param>
/// <param name="Path">The escaped request path.</param>
/// <param name="Query">The raw query string with its <c>?</c>, or empty.</param>
public readonly record struct TwilioRequestUrl(string Scheme, ReadOnlyMemory<char> Host, int Port, string PathBase, string Path, string Query)
{
    private static readonly ConditionalWeakTable<Uri, BaseUrl> BaseUrls = [];

    // The base URL split last: usually the app's one, so most requests skip the table.
    private static BaseUrl? s_lastBaseUrl;

    /// <summary>The URL with the port it appeared with (if any), as a string: for logs and diagnostics.</summary>
    public override string ToString() => Format(Port);

    /// <summary>The URL with <paramref name="port"/> (-1 for none).</summary>
    public string Format(int port)
    {
        var builder = new StringBuilder(Scheme.Length + Host.Length + PathBase.Length + Path.Length + Query.Length + 9);
        builder.Append(Scheme).Append("://").Append(Host.Span);
        if (port >= 0)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        return builder.Append(PathBase).Append(Path).Append(Query).ToString();
    }

    /// <summary>The base of the URL, <c>scheme://host[:port]/path-base/</c>, for building callback URLs.</summary>
    public Uri BaseUri => new((this with { Path = "/", Query = string.Empty }).ToString());

    /// <summary>The port the scheme implies (443 for https, 80 for http), or -1 for another scheme.</summary>
    public int DefaultPort =>
        string.Equals(Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443
        : string.Equals(Scheme, "http", StringComparison.OrdinalIgnoreCase) ? 80
        : -1;

    /// <summary>
    /// Rebuilds the URL Twilio requested: <paramref name="publicBaseUrl"/>'s scheme, host, port and path, then the
    /// request's path and query; without a public base URL, the request's own scheme, host, path base, path and query.
    /// </summary>
    /// <param name="request">The webhook request.</param>
    /// <param name="publicBaseUrl">The public base URL Twilio calls (a tenant's own, or the app's), if any.</param>
    public static TwilioRequestUrl FromRequest(HttpRequest request, Uri? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.ToUriComponent();
        var query = request.QueryString.Value ?? string.Empty;
        if (publicBaseUrl is not null)
        {
            var parts = s_lastBaseUrl is { } last && ReferenceEquals(last.Source, publicBaseUrl)
                ? last
                : s_lastBaseUrl = BaseUrls.GetValue(publicBaseUrl, BaseUrl.From);
            return new TwilioRequestUrl(parts.Scheme, parts.Host.AsMemory(), parts.Port, parts.Path, path, query);
        }

        var (host, port) = SplitHostAndPort((request.Host.Value ?? string.Empty).AsMemory());
        return new TwilioRequestUrl(request.Scheme, host, port, request.PathBase.ToUriComponent(), path, query);
    }

    /// <summary>Splits an absolute URL (as configured at Twilio) into its parts; credentials and fragment are dropped, as Twilio does.</summary>
    /// <exception cref="FormatException">The URL is not absolute.</exception>
    public static TwilioRequestUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new FormatException($"'{url}' is not an absolute URL.");
        }

        var rest = url.AsMemory(schemeEnd + 3);
        var fragment = rest.Span.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var authorityEnd = rest.Span.IndexOfAny('/', '?');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var afterAuthority = authorityEnd < 0 ? string.Empty : rest[authorityEnd..].ToString();
        var at = authority.Span.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var (host, port) = SplitHostAndPort(authority);
        var queryStart = afterAuthority.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0
            ? new TwilioRequestUrl(url[..schemeEnd], host, port, string.Empty, afterAuthority, string.Empty)
            : new TwilioRequestUrl(url[..schemeEnd], host, port, string.Empty, afterAuthority[..queryStart], afterAuthority[queryStart..]);
    }

    /// <summary>The most UTF-8 bytes the URL takes with any port.</summary>
    internal int MaxUtf8Length =>
        Encoding.UTF8.GetMaxByteCount(Scheme.Length + 3 + Host.Length + PathBase.Length + Path.Length + Query.Length) + 6;

    /// <summary>Writes the URL with <paramref name="port"/> (-1 for none) as UTF-8; returns the bytes written.</summary>
    internal int WriteUtf8(Span<byte> destination, int port)
    {
        var written = Encoding.UTF8.GetBytes(Scheme, destination);
        "://"u8.CopyTo(destination[written..]);
        written += 3;
        written += Encoding.UTF8.GetBytes(Host.Span, destination[written..]);
        if (port >= 0)
        {
            destination[written++] = (byte)':';
            port.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
            written += digits;
        }

        written += Encoding.UTF8.GetBytes(PathBase, destination[written..]);
        written += Encoding.UTF8.GetBytes(Path, destination[written..]);
        written += Encoding.UTF8.GetBytes(Query, destination[written..]);
        return written;
    }

    private static (ReadOnlyMemory<char> Host, int Port) SplitHostAndPort(ReadOnlyMemory<char> authority)
    {
        var span = authority.Span;
        var colon = span.LastIndexOf(':');
        // An IPv6 literal ("[::1]") holds colons of its own: only a colon after its closing bracket starts a port.
        if (colon < 0 || colon < span.LastIndexOf(']'))
        {
            return (authority, -1);
        }

        return int.TryParse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? (authority[..colon], port)
            : (authority, -1);
    }

    /// <summary>A public base URL split once into the parts a signed URL starts with.</summary>
    private sealed record BaseUrl(Uri Source, string Scheme, string Host, int Port, string Path)
    {
        public static BaseUrl From(Uri uri)
        {
            var authority = uri.GetComponents(UriComponents.Host | UriComponents.StrongPort, UriFormat.UriEscaped);
            var (host, port) = SplitHostAndPort(authority.AsMemory());
            return new BaseUrl(uri, uri.Scheme, host.ToString(), uri.IsDefaultPort ? -1 : port, uri.AbsolutePath.TrimEnd('/'));
        }
    }
}
