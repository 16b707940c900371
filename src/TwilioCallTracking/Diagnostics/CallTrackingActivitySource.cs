using System.Diagnostics;
using System.Reflection;

namespace TwilioCallTracking;

/// <summary>
/// The library's traces, on the <see cref="ActivitySource"/> named <see cref="Name"/> (with OpenTelemetry:
/// <c>tracing.AddSource(CallTrackingActivitySource.Name)</c>). Spans: each webhook the webhook endpoints handle
/// (<c>webhook {kind}</c>), each request to Twilio's REST API (<c>twilio {operation}</c>, e.g. <c>twilio calls.create</c>)
/// and each store operation the library makes (<c>store {operation}</c>, e.g. <c>store calls.change</c>). Tags: tenant id,
/// webhook kind, call id and call SID where known, the operation, the outcome and the HTTP status; never an auth token, a
/// header, a URL or a request body. A failure sets the span's status to error with the exception's type.
/// </summary>
public static class CallTrackingActivitySource
{
    /// <summary>The activity source's name, the same as the meter's.</summary>
    public const string Name = "TwilioCallTracking";

    /// <summary>The source every span of the library starts from, versioned with the library.</summary>
    internal static ActivitySource Source { get; } = new(Name, Version());

    private static string? Version()
    {
        var version = typeof(CallTrackingActivitySource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // "1.2.3+commit": the build metadata says nothing a trace reader needs.
        return version?.Split('+')[0];
    }
}
