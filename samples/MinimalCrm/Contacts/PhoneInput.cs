using TwilioCallTracking.Webhooks;

namespace MinimalCrm.Contacts;

/// <summary>Turns a phone number as people type it (<c>+1 (415) 555-0101</c>) into E.164 (<c>+14155550101</c>).</summary>
public static class PhoneInput
{
    /// <summary>The number in E.164, or <see langword="null"/> when it is not one (no country code, letters, too long).</summary>
    public static string? ToE164(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var compact = string.Concat(typed.Where(c => c is not (' ' or '-' or '.' or '(' or ')')));
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        return TwilioSids.IsE164(compact) ? compact : null;
    }
}
