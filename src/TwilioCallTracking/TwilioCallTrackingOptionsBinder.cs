using Microsoft.Extensions.Configuration;

namespace TwilioCallTracking;

/// <summary>
/// Binds <see cref="TwilioCallTrackingOptions"/> from configuration: the <c>TwilioCallTracking</c> section first, then the
/// seed's environment variable names for what the section leaves unset, so an app configured the seed's way
/// (<c>NEXT_PUBLIC_APP_URL</c>, <c>ENCRYPTION_KEY</c>) needs no code to pass them on.
/// </summary>
internal static class TwilioCallTrackingOptionsBinder
{
    /// <summary>The seed's name for <see cref="TwilioCallTrackingOptions.PublicBaseUrl"/>.</summary>
    public const string PublicBaseUrlVariable = "NEXT_PUBLIC_APP_URL";

    /// <summary>The seed's name for <see cref="TwilioCallTrackingOptions.EncryptionKey"/>.</summary>
    public const string EncryptionKeyVariable = "ENCRYPTION_KEY";

    /// <summary>How the validator names the public base URL setting.</summary>
    public const string PublicBaseUrlSetting = $"{TwilioCallTrackingOptions.SectionName}:{nameof(TwilioCallTrackingOptions.PublicBaseUrl)} (or {PublicBaseUrlVariable})";

    /// <summary>How the validator names the encryption key setting.</summary>
    public const string EncryptionKeySetting = $"{TwilioCallTrackingOptions.SectionName}:{nameof(TwilioCallTrackingOptions.EncryptionKey)} (or {EncryptionKeyVariable})";

    public static void Bind(TwilioCallTrackingOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(TwilioCallTrackingOptions.SectionName);
        if (section.Exists())
        {
            section.Bind(options);
        }

        if (string.IsNullOrEmpty(section[nameof(TwilioCallTrackingOptions.PublicBaseUrl)])
            && configuration[PublicBaseUrlVariable] is { Length: > 0 } url)
        {
            // A value that is no URL at all is kept for the validator, which says so at start.
            options.PublicBaseUrl = Uri.TryCreate(url.Trim(), UriKind.RelativeOrAbsolute, out var parsed) ? parsed : null;
            options.UnparsedPublicBaseUrl = parsed is null ? url : null;
        }

        if (string.IsNullOrEmpty(section[nameof(TwilioCallTrackingOptions.EncryptionKey)])
            && configuration[EncryptionKeyVariable] is { Length: > 0 } key)
        {
            options.EncryptionKey = key;
        }
    }
}
