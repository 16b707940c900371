using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking;

/// <summary>Turns a configured encryption key into 256 bits of key material.</summary>
internal static class EncryptionKeyMaterial
{
    /// <summary>The shortest accepted key, in characters, when it is not a base64-encoded 32-byte key.</summary>
    public const int MinimumLength = 32;

    /// <summary>
    /// A base64 string of exactly 32 bytes is used as is; any other string of at least 32 characters (a random
    /// passphrase) is stretched with HKDF-SHA256.
    /// </summary>
    public static byte[] Derive(string configured)
    {
        if (TryDecodeBase64Key(configured, out var raw))
        {
            return raw;
        }

        if (configured.Length < MinimumLength)
        {
            throw new InvalidOperationException(
                $"The encryption key is too short ({configured.Length} characters): use at least {MinimumLength} random characters, " +
                "or 32 random bytes in base64 (for example the output of 'openssl rand -base64 32').");
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(configured), 32, salt: [], info: "TwilioCallTracking.AuthToken.v1"u8.ToArray());
    }

    /// <summary>Returns an error message when <paramref name="configured"/> cannot be used, else <see langword="null"/>.</summary>
    public static string? Check(string? configured) =>
        string.IsNullOrEmpty(configured) ? "is required"
        : TryDecodeBase64Key(configured, out _) || configured.Length >= MinimumLength ? null
        : $"must be at least {MinimumLength} characters, or 32 bytes in base64";

    private static bool TryDecodeBase64Key(string configured, out byte[] key)
    {
        key = new byte[32];
        return configured.Length == 44 && Convert.TryFromBase64String(configured, key, out var written) && written == 32;
    }
}
