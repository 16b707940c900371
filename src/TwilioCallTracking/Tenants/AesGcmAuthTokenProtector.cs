using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// AES-256-GCM protection of auth tokens. The output is <c>v1.{keyId}.{base64(nonce ‖ ciphertext ‖ tag)}</c>: the key id
/// (derived from the key itself) lets a key rotate — new tokens use <see cref="TwilioCallTrackingOptions.EncryptionKey"/>,
/// old ones still open with a key listed in <see cref="TwilioCallTrackingOptions.PreviousEncryptionKeys"/>.
/// </summary>
internal sealed class AesGcmAuthTokenProtector : IAuthTokenProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly EncryptionKey _current;
    private readonly Dictionary<string, EncryptionKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates the protector from the configured keys.</summary>
    public AesGcmAuthTokenProtector(IOptions<TwilioCallTrackingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrEmpty(value.EncryptionKey))
        {
            throw new InvalidOperationException(
                "No encryption key is configured for Twilio auth tokens: set TwilioCallTracking:EncryptionKey " +
                "(or the ENCRYPTION_KEY environment variable in the sample) to a random string of at least 32 characters.");
        }

        _current = EncryptionKey.From(value.EncryptionKey);
        _keys[_current.Id] = _current;
        foreach (var previous in value.PreviousEncryptionKeys)
        {
            var key = EncryptionKey.From(previous);
            _keys.TryAdd(key.Id, key);
        }
    }

    /// <inheritdoc/>
    public string Protect(string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        var plaintext = Encoding.UTF8.GetBytes(authToken);
        var payload = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Material, TagSize);
        aes.Encrypt(nonce, plaintext, payload.AsSpan(NonceSize, plaintext.Length), payload.AsSpan(NonceSize + plaintext.Length), AssociatedData(_current.Id));
        return $"{Version}.{_current.Id}.{Convert.ToBase64String(payload)}";
    }

    /// <inheritdoc/>
    public string Unprotect(string protectedAuthToken)
    {
        ArgumentNullException.ThrowIfNull(protectedAuthToken);
        var parts = protectedAuthToken.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new AuthTokenProtectionException("The stored auth token is not in the expected 'v1.{keyId}.{data}' format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new AuthTokenProtectionException(
                $"The stored auth token was encrypted with key '{parts[1]}', which is not configured: add that key to " +
                "TwilioCallTracking:PreviousEncryptionKeys, or save the tenant's Twilio settings again.");
        }

        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException ex)
        {
            throw new AuthTokenProtectionException("The stored auth token is not valid base64.", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new AuthTokenProtectionException("The stored auth token is too short to be a protected value.");
        }

        var length = payload.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key.Material, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, length), payload.AsSpan(NonceSize + length), plaintext, AssociatedData(key.Id));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new AuthTokenProtectionException("The stored auth token was altered or does not match its key.", ex);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes($"{Version}.{keyId}");

    private sealed record EncryptionKey(string Id, byte[] Material)
    {
        public static EncryptionKey From(string configured)
        {
            var material = EncryptionKeyMaterial.Derive(configured);
            var id = Convert.ToHexStringLower(SHA256.HashData(material).AsSpan(0, 4));
            return new EncryptionKey(id, material);
        }
    }
}
