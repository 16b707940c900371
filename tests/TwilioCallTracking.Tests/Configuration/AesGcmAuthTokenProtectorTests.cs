using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

public class AesGcmAuthTokenProtectorTests
{
    private const string KeyOne = TestKeys.EncryptionKey;
    private const string KeyTwo = TestKeys.PreviousEncryptionKey;
    private static readonly AuthTokenOwner OwnerA = new(TestTenants.A.TenantId, TestTenants.A.AccountSid);
    private static readonly AuthTokenOwner OwnerB = new(TestTenants.B.TenantId, TestTenants.B.AccountSid);

    [Fact]
    public void RoundTrip_ReturnsTheToken_AndCiphertextNeverContainsIt()
    {
        var protector = Protector(KeyOne);

        var protectedToken = protector.Protect("0123456789abcdef0123456789abcdef", OwnerA);

        Assert.StartsWith("v2.", protectedToken, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", protectedToken, StringComparison.Ordinal);
        Assert.Equal("0123456789abcdef0123456789abcdef", protector.Unprotect(protectedToken, OwnerA));
    }

    [Fact]
    public void SameTokenTwice_GivesDifferentCiphertexts()
    {
        var protector = Protector(KeyOne);

        Assert.NotEqual(protector.Protect("token", OwnerA), protector.Protect("token", OwnerA));
    }

    [Fact]
    public void CiphertextOfAnotherTenant_DoesNotOpen_WithTheSameAccountOrNot()
    {
        var protector = Protector(KeyOne);
        var ofA = protector.Protect("secret-token", OwnerA);

        var otherTenantSameAccount = Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(ofA, OwnerA with { TenantId = TestTenants.B.TenantId }));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(ofA, OwnerB));
        Assert.Contains("not saved for this tenant and account", otherTenantSameAccount.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CiphertextOfTheTenantUnderAnotherAccount_DoesNotOpen()
    {
        var protector = Protector(KeyOne);

        var ofA = protector.Protect("secret-token", OwnerA);

        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(ofA, OwnerA with { AccountSid = TestTenants.B.AccountSid }));
    }

    [Fact]
    public void OwnersWhoseFieldsConcatenateAlike_AreDifferentOwners()
    {
        var protector = Protector(KeyOne);

        var value = protector.Protect("secret-token", new AuthTokenOwner("acme", "AC1"));

        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(value, new AuthTokenOwner("acmeAC", "1")));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(value, new AuthTokenOwner("acm", "eAC1")));
    }

    [Fact]
    public void TamperedCiphertext_IsAClearError()
    {
        var protector = Protector(KeyOne);
        var parts = protector.Protect("secret-token", OwnerA).Split('.');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 0x01;

        var error = Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect($"{parts[0]}.{parts[1]}.{Convert.ToBase64String(bytes)}", OwnerA));
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwappedKeyId_IsAClearError()
    {
        var one = Protector(KeyOne);
        var both = Protector(KeyTwo, KeyOne);
        var parts = one.Protect("secret-token", OwnerA).Split('.');
        var otherId = both.Protect("x", OwnerA).Split('.')[1];

        Assert.Throws<AuthTokenProtectionException>(() => both.Unprotect($"{parts[0]}.{otherId}.{parts[2]}", OwnerA));
    }

    [Fact]
    public void WrongKey_IsAClearErrorThatNamesTheMissingKey()
    {
        var protectedToken = Protector(KeyOne).Protect("secret-token", OwnerA);

        var error = Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyTwo).Unprotect(protectedToken, OwnerA));
        Assert.Contains("PreviousEncryptionKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_NewTokensUseTheNewKey_OldTokensStillOpen()
    {
        var old = Protector(KeyOne).Protect("old-token", OwnerA);
        var rotated = Protector(KeyTwo, KeyOne);

        var fresh = rotated.Protect("new-token", OwnerA);

        Assert.Equal("old-token", rotated.Unprotect(old, OwnerA));
        Assert.Equal("new-token", rotated.Unprotect(fresh, OwnerA));
        Assert.NotEqual(old.Split('.')[1], fresh.Split('.')[1]);
        Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Unprotect(fresh, OwnerA));
    }

    [Fact]
    public void V1Value_IsRefusedOutsideTheUpgrade_WithAMessageThatSaysToRestart()
    {
        var error = Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Unprotect(LegacyAuthTokens.TenantAUnderCurrentKey, OwnerA));

        Assert.Contains("v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restart the app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upgrade_OfAV1Value_IsAV2ValueBoundToTheOwnerItWasUpgradedFor()
    {
        var protector = Protector(KeyOne);

        var upgraded = protector.Upgrade(LegacyAuthTokens.TenantAUnderCurrentKey, OwnerA);

        Assert.StartsWith("v2.", upgraded, StringComparison.Ordinal);
        Assert.Equal(TestTenants.A.AuthToken, protector.Unprotect(upgraded!, OwnerA));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(upgraded!, OwnerB));
    }

    [Fact]
    public void Upgrade_OfACurrentValue_IsNothing_AndOfAnotherOwnersValue_Throws()
    {
        var protector = Protector(KeyOne);
        var current = protector.Protect("secret-token", OwnerA);

        Assert.Null(protector.Upgrade(current, OwnerA));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Upgrade(current, OwnerB));
    }

    [Fact]
    public void Upgrade_OfAValueUnderAPreviousKey_MovesItToTheCurrentKey()
    {
        var underOldKey = Protector(KeyTwo).Protect("secret-token", OwnerA);
        var rotated = Protector(KeyOne, KeyTwo);

        var upgraded = rotated.Upgrade(underOldKey, OwnerA);

        Assert.NotNull(upgraded);
        Assert.Equal("secret-token", Protector(KeyOne).Unprotect(upgraded, OwnerA));
        Assert.Equal(TestTenants.A.AuthToken, Protector(KeyOne).Unprotect(rotated.Upgrade(LegacyAuthTokens.TenantAUnderPreviousKey, OwnerA)!, OwnerA));
    }

    [Fact]
    public void ApiKeySecret_RoundTripsForItsTenantAccountAndKey_AndNeverOpensForAnotherKey()
    {
        var protector = Protector(KeyOne);
        var owner = OwnerA with { ApiKeySid = TestApiKeys.Sid };

        var secret = protector.Protect(TestApiKeys.Secret, owner);

        Assert.DoesNotContain(TestApiKeys.Secret, secret, StringComparison.Ordinal);
        Assert.Equal(TestApiKeys.Secret, protector.Unprotect(secret, owner));
        var otherKey = Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(secret, owner with { ApiKeySid = "SK" + new string('f', 32) }));
        Assert.Contains("API key secret", otherKey.Message, StringComparison.Ordinal);
        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(secret, OwnerB with { ApiKeySid = TestApiKeys.Sid }));
    }

    [Fact]
    public void AuthTokenCiphertext_NeverOpensAsAnApiKeySecret_NorTheReverse()
    {
        var protector = Protector(KeyOne);
        var asSecret = OwnerA with { ApiKeySid = TestApiKeys.Sid };
        var token = protector.Protect("the-auth-token", OwnerA);
        var secret = protector.Protect("the-api-key-secret", asSecret);

        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(token, asSecret));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect(secret, OwnerA));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Upgrade(token, asSecret));
        Assert.Throws<AuthTokenProtectionException>(() => protector.Upgrade(secret, OwnerA));
    }

    [Fact]
    public void ApiKeySecret_UnderAPreviousKey_IsUpgraded_AndAV1ValueNeverOpensAsASecret()
    {
        var owner = OwnerA with { ApiKeySid = TestApiKeys.Sid };
        var underOldKey = Protector(KeyTwo).Protect(TestApiKeys.Secret, owner);
        var rotated = Protector(KeyOne, KeyTwo);

        var upgraded = rotated.Upgrade(underOldKey, owner);

        Assert.Equal(TestApiKeys.Secret, Protector(KeyOne).Unprotect(upgraded!, owner));
        Assert.Null(rotated.Upgrade(upgraded!, owner));
        Assert.Throws<AuthTokenProtectionException>(() => rotated.Upgrade(LegacyAuthTokens.TenantAUnderPreviousKey, owner));
        Assert.Contains("API key secret", Assert.Throws<AuthTokenProtectionException>(() => rotated.Unprotect(LegacyAuthTokens.TenantAUnderPreviousKey, owner)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64Key_OfThirtyTwoBytes_IsUsedAsIs()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        var protector = Protector(key);

        Assert.Equal("t", protector.Unprotect(protector.Protect("t", OwnerA), OwnerA));
    }

    [Theory]
    [InlineData("v2.abc.def")]
    [InlineData("v3.6f27051b.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("plain-token-stored-by-mistake")]
    [InlineData("v1.deadbeef")]
    public void GarbageInput_IsAClearError(string value)
    {
        Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Unprotect(value, OwnerA));
        Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Upgrade(value, OwnerA));
    }

    [Fact]
    public void NoOwner_IsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Protector(KeyOne).Protect("t", default));
    }

    [Fact]
    public void ShortKey_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Protector("too-short"));
    }

    private static AesGcmAuthTokenProtector Protector(string key, params string[] previous)
    {
        var options = new TwilioCallTrackingOptions { EncryptionKey = key };
        foreach (var p in previous)
        {
            options.PreviousEncryptionKeys.Add(p);
        }

        return new AesGcmAuthTokenProtector(Options.Create(options));
    }
}
