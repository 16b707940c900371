using System.ComponentModel.DataAnnotations;

namespace MinimalCrm.Pages.Settings;

/// <summary>
/// The Settings → Twilio form. The auth token and the API key secret are write-only: never filled in, empty keeps the
/// saved one.
/// </summary>
public sealed class TwilioSettingsInput
{
    /// <summary>The account SID.</summary>
    [Display(Name = "Account SID")]
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>A new auth token, or empty to keep the saved one.</summary>
    [Display(Name = "Auth token")]
    public string? AuthToken { get; set; }

    /// <summary>An API key SID for REST requests (SK…), or empty to use the auth token (and remove a saved key).</summary>
    [Display(Name = "API key SID")]
    public string? ApiKeySid { get; set; }

    /// <summary>The API key's secret, or empty to keep the saved one (same key SID only).</summary>
    [Display(Name = "API key secret")]
    public string? ApiKeySecret { get; set; }

    /// <summary>The tenant's Twilio number.</summary>
    [Display(Name = "Twilio number")]
    public string PhoneNumber { get; set; } = string.Empty;

    /// <summary>Where inbound calls ring.</summary>
    [Display(Name = "Forward inbound calls to")]
    public string? ForwardToNumber { get; set; }

    /// <summary>What inbound callers hear first.</summary>
    [Display(Name = "Greeting"), StringLength(500)]
    public string? Greeting { get; set; }

    /// <summary>What callers hear before a recorded conversation; empty: no notice.</summary>
    [Display(Name = "Recording notice"), StringLength(TwilioCallTracking.TwilioConfiguration.MaxRecordingNoticeLength)]
    public string? RecordingNotice { get; set; }

    /// <summary>This tenant's public base URL, when not the app's.</summary>
    [Display(Name = "Public base URL")]
    public string? PublicBaseUrl { get; set; }
}
