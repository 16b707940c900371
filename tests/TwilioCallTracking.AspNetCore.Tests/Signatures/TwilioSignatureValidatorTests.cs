using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;
using Twilio.Security;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Signatures;

public sealed class TwilioSignatureValidatorTests
{
    private const string Token = "12345";

    private static readonly List<KeyValuePair<string, string>> PublishedParameters =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675310"), new("Digits", "1234"), new("From", "+14158675310"), new("To", "+18005551212"),
    ];

    [Fact]
    public void TwilioPublishedExample_IsValid()
    {
        var result = Validate(Token, "https://example.com/myapp.php?foo=1&bar=2", PublishedParameters, "L/OH5YylLD5NRKLltdqwSvS0BnU=");

        Assert.Equal(TwilioSignatureResult.Valid, result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankSignature_IsMissing(string signature)
    {
        Assert.Equal(TwilioSignatureResult.Missing, Validate(Token, "https://example.com/myapp.php?foo=1&bar=2", PublishedParameters, signature));
        // The trap: Twilio's SDK throws on it, which a naive filter turns into a 500.
        Assert.Throws<ArgumentException>(() => new RequestValidator(Token).Validate("https://example.com/", new Dictionary<string, string>(), signature.Trim()));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("L/OH5YylLD5NRKLltdqwSvS0BnU=L/OH5YylLD5NRKLltdqwSvS0BnU=")]
    public void SignatureThatIsNotAnHmacSha1_IsMalformed(string signature)
    {
        Assert.Equal(TwilioSignatureResult.Malformed, Validate(Token, "https://example.com/myapp.php?foo=1&bar=2", PublishedParameters, signature));
    }

    [Fact]
    public void OneChangedCharacter_IsAMismatch()
    {
        Assert.Equal(TwilioSignatureResult.Mismatch, Validate(Token, "https://example.com/myapp.php?foo=1&bar=3", PublishedParameters, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
        Assert.Equal(TwilioSignatureResult.Mismatch, Validate("12346", "https://example.com/myapp.php?foo=1&bar=2", PublishedParameters, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
    }

    [Fact]
    public void RepeatedNames_AreSignedValueByValueInValueOrder_WhateverOrderTheyCameIn()
    {
        const string url = "https://crm.example.com/api/twilio/voice/status";
        List<KeyValuePair<string, string>> form =
            [new("StatusCallbackEvent", "ringing"), new("CallSid", "CA1"), new("StatusCallbackEvent", "answered"), new("StatusCallbackEvent", "initiated")];
        var expected = Sign(url + "CallSidCA1StatusCallbackEventansweredStatusCallbackEventinitiatedStatusCallbackEventringing");

        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, expected));
        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, [.. Enumerable.Reverse(form)], expected));
    }

    [Fact]
    public void RepeatedNames_JoinedWithCommasAsTheSdksNameValueCollectionDoes_AreAMismatch()
    {
        const string url = "https://crm.example.com/api/twilio/voice/status";
        List<KeyValuePair<string, string>> form = [new("StatusCallbackEvent", "initiated"), new("StatusCallbackEvent", "ringing")];
        var collection = new NameValueCollection { { "StatusCallbackEvent", "initiated" }, { "StatusCallbackEvent", "ringing" } };
        var commaJoined = Sign(url + "StatusCallbackEventinitiated,ringing");

        Assert.True(new RequestValidator("secret").Validate(url, collection, commaJoined));
        Assert.Equal(TwilioSignatureResult.Mismatch, Validate("secret", url, form, commaJoined));
        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, TwilioSigner.Sign("secret", url, form)));
    }

    [Fact]
    public void NamesAreCaseSensitive_AndSortedOrdinally()
    {
        const string url = "https://crm.example.com/x";
        List<KeyValuePair<string, string>> form = [new("callsid", "b"), new("CallSid", "a"), new("_x", "c"), new("Zeta", "d")];

        var signature = Sign(url + "CallSidaZetad_xccallsidb");

        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, signature));
    }

    [Theory]
    [InlineData("https://crm.example.com:8443/api/twilio/voice/answer", "https://crm.example.com/api/twilio/voice/answer")]
    [InlineData("https://crm.example.com:8443/api/twilio/voice/answer", "https://crm.example.com:8443/api/twilio/voice/answer")]
    [InlineData("http://127.0.0.1:5000/api/twilio/voice/answer", "http://127.0.0.1:5000/api/twilio/voice/answer")]
    [InlineData("http://127.0.0.1:5000/api/twilio/voice/answer", "http://127.0.0.1/api/twilio/voice/answer")]
    [InlineData("https://crm.example.com/api/twilio/voice/answer", "https://crm.example.com:443/api/twilio/voice/answer")]
    [InlineData("http://crm.example.com/api/twilio/voice/answer", "http://crm.example.com:80/api/twilio/voice/answer")]
    [InlineData("https://crm.example.com:443/api/twilio/voice/answer", "https://crm.example.com/api/twilio/voice/answer")]
    public void Ports_TheUrlIsAcceptedWithAndWithoutItsPort(string requestUrl, string signedUrl)
    {
        var signature = TwilioSigner.Sign("secret", signedUrl, PublishedParameters);

        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", requestUrl, PublishedParameters, signature));
    }

    [Fact]
    public void AnotherPort_IsAMismatch()
    {
        var signature = TwilioSigner.Sign("secret", "https://crm.example.com:9443/x", PublishedParameters);

        Assert.Equal(TwilioSignatureResult.Mismatch, Validate("secret", "https://crm.example.com:8443/x", PublishedParameters, signature));
    }

    [Fact]
    public void EmptyValuesAndNoParameters_AreSignedToo()
    {
        const string url = "https://crm.example.com/x?a=";
        List<KeyValuePair<string, string>> form = [new("Empty", ""), new("ToZip", "")];

        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, TwilioSigner.Sign("secret", url, form)));
        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, [], TwilioSigner.Sign("secret", url, [])));
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreSignedAsTheStringTheAppSees()
    {
        const string url = "https://crm.example.com/x";
        var body = Encoding.ASCII.GetBytes("Name=%FFok&Other=%C3");

        var signature = TwilioSigner.Sign("secret", url, [new("Name", "\uFFFDok"), new("Other", "\uFFFD")]);

        Assert.Equal(TwilioSignatureResult.Valid, TwilioSignatureValidator.ValidateFormPost("secret", TwilioRequestUrl.Parse(url), body, signature));
    }

    [Fact]
    public void ManyParameters_BeyondTheSmallSortPath_AgreeWithTheSdk()
    {
        const string url = "https://crm.example.com/x";
        var random = new Random(7);
        var form = Enumerable.Range(0, 300).Select(i => new KeyValuePair<string, string>($"P{random.Next():x8}{i}", random.Next().ToString("x"))).ToList();
        var signature = TwilioSigner.Sign("secret", url, form);

        Assert.True(new RequestValidator("secret").Validate(url, form.ToDictionary(p => p.Key, p => p.Value), signature));
        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, signature));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void NamesSharingTheirFirstEightBytes_AreOrderedByTheWholeName(int count)
    {
        const string url = "https://crm.example.com/x";
        var random = new Random(count);
        var form = Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"Recordin{random.Next(1000)}", i.ToString("x"))).ToList();
        form.Add(new("Recordin", "a"));
        form.Add(new("Recordin\0", "b"));

        Assert.Equal(TwilioSignatureResult.Valid, Validate("secret", url, form, TwilioSigner.Sign("secret", url, form)));
    }

    [Fact]
    public void JsonBody_IsValidatedLikeTheSdk_WithTheBodysHashInTheUrl()
    {
        const string body = "{\"CallSid\":\"CA1\",\"Note\":\"é\"}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var url = $"https://crm.example.com/hook?bodySHA256={hash}";
        var signature = Sign(url);

        Assert.True(new RequestValidator("secret").Validate(url, body, signature));
        Assert.Equal(TwilioSignatureResult.Valid, TwilioSignatureValidator.ValidateJsonPost("secret", TwilioRequestUrl.Parse(url), Encoding.UTF8.GetBytes(body), signature));
        Assert.False(new RequestValidator("secret").Validate(url, body + " ", signature));
        Assert.Equal(TwilioSignatureResult.BodyHashMismatch, TwilioSignatureValidator.ValidateJsonPost("secret", TwilioRequestUrl.Parse(url), Encoding.UTF8.GetBytes(body + " "), signature));
        Assert.Equal(TwilioSignatureResult.Mismatch, TwilioSignatureValidator.ValidateJsonPost("other", TwilioRequestUrl.Parse(url), Encoding.UTF8.GetBytes(body), signature));
    }

    [Fact]
    public void JsonBody_WithoutABodyHashInTheUrl_IsABodyHashMismatch()
    {
        const string url = "https://crm.example.com/hook";

        Assert.Equal(TwilioSignatureResult.BodyHashMismatch, TwilioSignatureValidator.ValidateJsonPost("secret", TwilioRequestUrl.Parse(url), "{}"u8, Sign(url)));
    }

    [Fact]
    public void ValidRequest_AllocatesNothing()
    {
        var callback = TwilioPayloads.StatusCallback("AC" + new string('0', 32), "CA" + new string('1', 32), "completed", 3, "+18005550001", "+14155550100", parentCallSid: "CA" + new string('2', 32));
        const string url = "https://crm.example.com/api/twilio/voice/status?tenant=tenant-a&call=0123456789abcdef0123456789abcdef";
        var body = TwilioWebhookRequests.EncodeForm(callback);
        var signature = TwilioSigner.Sign("secret", url, callback);
        var parsed = TwilioRequestUrl.Parse(url);
        Assert.Equal(TwilioSignatureResult.Valid, TwilioSignatureValidator.ValidateFormPost("secret", parsed, body, signature));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = TwilioSignatureValidator.ValidateFormPost("secret", parsed, body, signature);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(TwilioSignatureResult.Valid, result);
        Assert.Equal(0, allocated);
    }

    private static TwilioSignatureResult Validate(string token, string url, List<KeyValuePair<string, string>> form, string signature) =>
        TwilioSignatureValidator.ValidateFormPost(token, TwilioRequestUrl.Parse(url), TwilioWebhookRequests.EncodeForm(form), signature);

    private static string Sign(string data)
    {
#pragma warning disable CA5350 // Twilio's protocol.
        return Convert.ToBase64String(HMACSHA1.HashData("secret"u8, Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }
}
