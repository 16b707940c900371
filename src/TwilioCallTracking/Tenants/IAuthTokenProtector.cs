namespace TwilioCallTracking;

/// <summary>
/// Encrypts tenants' Twilio auth tokens and API key secrets for storage and decrypts them to check webhooks and call
/// Twilio. A protected value belongs to the <see cref="AuthTokenOwner"/> (tenant and account; for an API key secret, the
/// key too) it was protected for and opens for that owner only: an auth token never opens as an API key secret, nor
/// the reverse.
/// </summary>
public interface IAuthTokenProtector
{
    /// <summary>Encrypts <paramref name="authToken"/> with the current key, bound to <paramref name="owner"/>.</summary>
    string Protect(string authToken, AuthTokenOwner owner);

    /// <summary>
    /// Decrypts a value <see cref="Protect"/> made for <paramref name="owner"/>, with the current or a previous key.
    /// Throws <see cref="AuthTokenProtectionException"/> when it was tampered with, was made for another owner, is in a
    /// format older than the current one, or no configured key fits.
    /// </summary>
    string Unprotect(string protectedAuthToken, AuthTokenOwner owner);

    /// <summary>
    /// The upgrade the app runs once at start (registered by <c>AddTwilioCallTracking</c>): returns
    /// <paramref name="protectedAuthToken"/> protected again for <paramref name="owner"/> in the current format with the
    /// current key when it is in an older format or under a previous key, or <see langword="null"/> when it is current.
    /// The only method that opens values of older formats. Throws <see cref="AuthTokenProtectionException"/> when the
    /// value cannot be opened. The default implementation knows no older format and returns <see langword="null"/>.
    /// </summary>
    string? Upgrade(string protectedAuthToken, AuthTokenOwner owner) => null;
}
