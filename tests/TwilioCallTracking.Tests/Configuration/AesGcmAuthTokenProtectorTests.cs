using Microsoft.Extensions.Options;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Configuration;

public class AesGcmAuthTokenProtectorTests
{
    private const string KeyOne = TestKeys.EncryptionKey;
    private const string KeyTwo = TestKeys.PreviousEncryptionKey;

    [Fact]
    public void RoundTrip_ReturnsTheToken_AndCiphertextNeverContainsIt()
    {
        var protector = Protector(KeyOne);

        var protectedToken = protector.Protect("0123456789abcdef0123456789abcdef");

        Assert.StartsWith("v1.", protectedToken, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", protectedToken, StringComparison.Ordinal);
        Assert.Equal("0123456789abcdef0123456789abcdef", protector.Unprotect(protectedToken));
    }

    [Fact]
    public void SameTokenTwice_GivesDifferentCiphertexts()
    {
        var protector = Protector(KeyOne);

        Assert.NotEqual(protector.Protect("token"), protector.Protect("token"));
    }

    [Fact]
    public void TamperedCiphertext_IsAClearError()
    {
        var protector = Protector(KeyOne);
        var parts = protector.Protect("secret-token").Split('.');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 0x01;

        var error = Assert.Throws<AuthTokenProtectionException>(() => protector.Unprotect($"{parts[0]}.{parts[1]}.{Convert.ToBase64String(bytes)}"));
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwappedKeyId_IsAClearError()
    {
        var one = Protector(KeyOne);
        var both = Protector(KeyTwo, KeyOne);
        var parts = one.Protect("secret-token").Split('.');
        var otherId = both.Protect("x").Split('.')[1];

        Assert.Throws<AuthTokenProtectionException>(() => both.Unprotect($"{parts[0]}.{otherId}.{parts[2]}"));
    }

    [Fact]
    public void WrongKey_IsAClearErrorThatNamesTheMissingKey()
    {
        var protectedToken = Protector(KeyOne).Protect("secret-token");

        var error = Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyTwo).Unprotect(protectedToken));
        Assert.Contains("PreviousEncryptionKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_NewTokensUseTheNewKey_OldTokensStillOpen()
    {
        var old = Protector(KeyOne).Protect("old-token");
        var rotated = Protector(KeyTwo, KeyOne);

        var fresh = rotated.Protect("new-token");

        Assert.Equal("old-token", rotated.Unprotect(old));
        Assert.Equal("new-token", rotated.Unprotect(fresh));
        Assert.NotEqual(old.Split('.')[1], fresh.Split('.')[1]);
        Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Unprotect(fresh));
    }

    [Fact]
    public void Base64Key_OfThirtyTwoBytes_IsUsedAsIs()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        var protector = Protector(key);

        Assert.Equal("t", protector.Unprotect(protector.Protect("t")));
    }

    [Theory]
    [InlineData("v2.abc.def")]
    [InlineData("plain-token-stored-by-mistake")]
    [InlineData("v1.deadbeef")]
    public void GarbageInput_IsAClearError(string value)
    {
        Assert.Throws<AuthTokenProtectionException>(() => Protector(KeyOne).Unprotect(value));
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
