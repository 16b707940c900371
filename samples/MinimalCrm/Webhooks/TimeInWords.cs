using System.Globalization;

namespace MinimalCrm.Webhooks;

/// <summary>Times as people say them: "just now", "3 minutes ago", "in 20 seconds".</summary>
public static class TimeInWords
{
    /// <summary><paramref name="at"/> relative to <paramref name="now"/>, in the largest whole unit (seconds to days).</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        var length = span.Duration();
        if (length < TimeSpan.FromSeconds(10))
        {
            return span < TimeSpan.Zero ? "in a few seconds" : "just now";
        }

        var amount = length < TimeSpan.FromMinutes(1) ? Count((int)length.TotalSeconds, "second")
            : length < TimeSpan.FromHours(1) ? Count((int)length.TotalMinutes, "minute")
            : length < TimeSpan.FromDays(1) ? Count((int)length.TotalHours, "hour")
            : Count((int)length.TotalDays, "day");
        return span < TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    private static string Count(int n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");
}
