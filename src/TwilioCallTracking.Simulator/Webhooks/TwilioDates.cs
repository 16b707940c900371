using System.Globalization;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>Formats dates the way Twilio writes them in webhooks and REST resources: RFC 2822 in UTC.</summary>
public static class TwilioDates
{
    /// <summary>Formats <paramref name="value"/> as RFC 2822 in UTC, e.g. <c>Tue, 24 Nov 2026 15:55:43 +0000</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Formats a date that may be missing; <see langword="null"/> stays <see langword="null"/>.</summary>
    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
