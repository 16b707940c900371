using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace TwilioCallTracking;

/// <summary>
/// Normalises phone numbers to E.164 with libphonenumber, so "(415) 555-0100", "+1 415 555 0100" and "+14155550100"
/// compare equal. Numbers without a country code are read in <see cref="TwilioCallTrackingOptions.DefaultPhoneRegion"/>.
/// </summary>
public sealed class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private readonly string? _defaultRegion;

    /// <summary>Creates the normaliser with the configured default region.</summary>
    public PhoneNumberNormalizer(IOptions<TwilioCallTrackingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaultRegion = options.Value.DefaultPhoneRegion;
    }

    /// <summary>
    /// The number in E.164, or <see langword="null"/> when it is not a possible phone number (<c>anonymous</c>,
    /// <c>restricted</c>, a short code, or a national number with no default region).
    /// </summary>
    public string? ToE164(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(number, number.TrimStart().StartsWith('+') ? null : _defaultRegion);
            return Util.IsPossibleNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
