using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// AES-256-GCM protection of auth tokens and API key secrets. The output is
/// <c>v2.{keyId}.{base64(nonce ‖ ciphertext ‖ tag)}</c>, whose associated data binds it to its key, its tenant and its
/// account, and for an API key secret to that purpose and the key SID too (each field length-prefixed, so no two owners
/// encode alike): a value copied into another tenant's row, or from one kind of secret to the other, does not open. The key id (derived from the key itself) lets a key
/// rotate — new tokens use <see cref="TwilioCallTrackingOptions.EncryptionKey"/>, old ones still open with a key listed
/// in <see cref="TwilioCallTrackingOptions.PreviousEncryptionKeys"/> until the upgrade at start rewrites them.
/// The previous format of auth tokens, <c>v1</c> (associated data <c>v1.{keyId}</c> only, bound to no owner), opens only
/// in <see cref="Upgrade"/>; API key secrets never had it.
/// </summary>
internal sealed class AesGcmAuthTokenProtector : IAuthTokenProtector
{
    private const string Version = "v2";
    private const string UnboundVersion = "v1";
    private const string ApiKeySecretPurpose = "api-key-secret";
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
    public string Protect(string authToken, AuthTokenOwner owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        CheckOwner(owner);
        var plaintext = Encoding.UTF8.GetBytes(authToken);
        var payload = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Material, TagSize);
        aes.Encrypt(nonce, plaintext, payload.AsSpan(NonceSize, plaintext.Length), payload.AsSpan(NonceSize + plaintext.Length), BoundAssociatedData(_current.Id, owner));
        return $"{Version}.{_current.Id}.{Convert.ToBase64String(payload)}";
    }

    /// <inheritdoc/>
    public string Unprotect(string protectedAuthToken, AuthTokenOwner owner)
    {
        CheckOwner(owner);
        var value = Parse(protectedAuthToken, owner);
        if (value.Version == UnboundVersion)
        {
            throw new AuthTokenProtectionException(
                owner.ApiKeySid is null
                    ? "The stored auth token is in the v1 format, which is not bound to its tenant and is no longer accepted. " +
                      "Restart the app: the upgrade that AddTwilioCallTracking runs at start rewrites v1 tokens as v2. " +
                      "Or save the tenant's Twilio settings again with its auth token."
                    : "The stored API key secret is in the v1 format, which API key secrets never had: save the tenant's Twilio settings again with its API key secret.");
        }

        return Open(value, BoundAssociatedData(value.Key.Id, owner), owner);
    }

    /// <inheritdoc/>
    public string? Upgrade(string protectedAuthToken, AuthTokenOwner owner)
    {
        CheckOwner(owner);
        var value = Parse(protectedAuthToken, owner);
        var token = value.Version == UnboundVersion && owner.ApiKeySid is null
            ? Open(value, Encoding.ASCII.GetBytes($"{UnboundVersion}.{value.Key.Id}"), owner)
            : Open(value, BoundAssociatedData(value.Key.Id, owner), owner);
        return value.Version == Version && ReferenceEquals(value.Key, _current) ? null : Protect(token, owner);
    }

    private ProtectedValue Parse(string protectedAuthToken, AuthTokenOwner owner)
    {
        ArgumentNullException.ThrowIfNull(protectedAuthToken);
        var parts = protectedAuthToken.Split('.');
        if (parts.Length != 3 || (parts[0] != Version && parts[0] != UnboundVersion))
        {
            throw new AuthTokenProtectionException($"The stored {What(owner)} is not in the expected 'v2.{{keyId}}.{{data}}' format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new AuthTokenProtectionException(
                $"The stored {What(owner)} was encrypted with key '{parts[1]}', which is not configured: add that key to " +
                "TwilioCallTracking:PreviousEncryptionKeys, or save the tenant's Twilio settings again.");
        }

        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException ex)
        {
            throw new AuthTokenProtectionException($"The stored {What(owner)} is not valid base64.", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new AuthTokenProtectionException($"The stored {What(owner)} is too short to be a protected value.");
        }

        return new ProtectedValue(parts[0], key, payload);
    }

    private static string Open(ProtectedValue value, byte[] associatedData, AuthTokenOwner owner)
    {
        var payload = value.Payload;
        var length = payload.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(value.Key.Material, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, length), payload.AsSpan(NonceSize + length), plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new AuthTokenProtectionException(
                owner.ApiKeySid is null
                    ? "The stored auth token was altered, or was not saved for this tenant and account, or does not match its key."
                    : "The stored API key secret was altered, or was not saved for this tenant, account and API key, or does not match its key.",
                ex);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    // The version, the key id, the tenant and the account (then, for an API key secret, its purpose and the key SID), each
    // as its UTF-8 length (4 bytes, big-endian) then its bytes. An auth token's four fields never read as a secret's six.
    private static byte[] BoundAssociatedData(string keyId, AuthTokenOwner owner)
    {
        ReadOnlySpan<string> fields = owner.ApiKeySid is { } apiKeySid
            ? [Version, keyId, owner.TenantId, owner.AccountSid, ApiKeySecretPurpose, apiKeySid]
            : [Version, keyId, owner.TenantId, owner.AccountSid];
        var size = 0;
        foreach (var field in fields)
        {
            size += sizeof(int) + Encoding.UTF8.GetByteCount(field);
        }

        var data = new byte[size];
        var at = 0;
        foreach (var field in fields)
        {
            var written = Encoding.UTF8.GetBytes(field, data.AsSpan(at + sizeof(int)));
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), written);
            at += sizeof(int) + written;
        }

        return data;
    }

    private static string What(AuthTokenOwner owner) => owner.ApiKeySid is null ? "auth token" : "API key secret";

    private static void CheckOwner(AuthTokenOwner owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner.TenantId, nameof(owner));
        ArgumentException.ThrowIfNullOrEmpty(owner.AccountSid, nameof(owner));
    }

    private sealed record ProtectedValue(string Version, EncryptionKey Key, byte[] Payload);

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
