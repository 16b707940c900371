using System.Security.Cryptography;

namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>Makes fresh Twilio identifiers: a two-letter prefix and 32 lowercase hex digits.</summary>
public static class TwilioSidGenerator
{
    /// <summary>A fresh SID with <paramref name="prefix"/> (<c>CA</c> call, <c>RE</c> recording, <c>PN</c> number, <c>AC</c> account).</summary>
    public static string New(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>A fresh call SID (<c>CA…</c>).</summary>
    public static string NewCallSid() => New("CA");

    /// <summary>A fresh recording SID (<c>RE…</c>).</summary>
    public static string NewRecordingSid() => New("RE");

    /// <summary>A 32-hex-digit auth token.</summary>
    public static string NewAuthToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
