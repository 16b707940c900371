namespace TwilioCallTracking;

/// <summary>Encrypts tenants' Twilio auth tokens for storage and decrypts them to call Twilio.</summary>
public interface IAuthTokenProtector
{
    /// <summary>Encrypts <paramref name="authToken"/> with the current key.</summary>
    string Protect(string authToken);

    /// <summary>
    /// Decrypts a value produced by <see cref="Protect"/> with the current or a previous key.
    /// Throws <see cref="AuthTokenProtectionException"/> when it was tampered with or no configured key fits.
    /// </summary>
    string Unprotect(string protectedAuthToken);
}
