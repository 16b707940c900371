using Twilio.Security;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class TwilioWebhookSignatureTests
{
    [Fact]
    public void PublishedExample_GivesTwiliosSignature()
    {
        var signature = TwilioWebhookSignature.Compute("12345", "https://example.com/myapp.php?foo=1&bar=2",
        [
            new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675310"), new("Digits", "1234"), new("From", "+14158675310"), new("To", "+18005551212"),
        ]);

        Assert.Equal("L/OH5YylLD5NRKLltdqwSvS0BnU=", signature);
    }

    [Fact]
    public void SignedPayloads_AreAcceptedByTheSdksValidator()
    {
        var token = TwilioSidGenerator.NewAuthToken();
        var payload = TwilioWebhookPayloads.StatusCallback(
            new WebhookCallInfo("AC" + new string('a', 32), TwilioSidGenerator.NewCallSid(), "+14155550100", "+12125550147", "outbound-dial")
            {
                ParentCallSid = TwilioSidGenerator.NewCallSid(),
            },
            "completed", 3, DateTimeOffset.UtcNow, 65, 200);
        const string url = "http://127.0.0.1:5000/api/twilio/voice/status?tenant=t%201&call=abc";

        var signature = TwilioWebhookSignature.Compute(token, url, payload);

        Assert.True(new RequestValidator(token).Validate(url, payload.ToDictionary(p => p.Key, p => p.Value), signature));
        Assert.False(new RequestValidator(token).Validate(url + "x", payload.ToDictionary(p => p.Key, p => p.Value), signature));
    }

    [Theory]
    [InlineData("https://user:pass@crm.example.com:8443/hook?a=1#rc=2", "https://crm.example.com/hook?a=1")]
    [InlineData("http://127.0.0.1:5000/hook?a=1", "http://127.0.0.1:5000/hook?a=1")]
    public void SignedUrl_DropsCredentialsFragment_AndTheHttpsPort(string url, string expected) =>
        Assert.Equal(expected, TwilioWebhookSignature.SignedUrl(new Uri(url)));

    [Fact]
    public void StatusCallbackPayload_HasDurationsInSecondsAndMinutes_OnlyWhereTwilioSendsThem()
    {
        var call = new WebhookCallInfo("AC" + new string('a', 32), TwilioSidGenerator.NewCallSid(), "+14155550100", "+12125550147", "outbound-api");

        var completed = TwilioWebhookPayloads.StatusCallback(call, "completed", 3, DateTimeOffset.UtcNow, 61, 200).ToDictionary(p => p.Key, p => p.Value);
        var busy = TwilioWebhookPayloads.StatusCallback(call, "busy", 2, DateTimeOffset.UtcNow, 0, 486).ToDictionary(p => p.Key, p => p.Value);
        var ringing = TwilioWebhookPayloads.StatusCallback(call, "ringing", 1, DateTimeOffset.UtcNow).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("61", completed["CallDuration"]);
        Assert.Equal("2", completed["Duration"]);
        Assert.Equal("0", busy["CallDuration"]);
        Assert.False(busy.ContainsKey("Duration"));
        Assert.False(ringing.ContainsKey("CallDuration"));
        Assert.False(ringing.ContainsKey("SipResponseCode"));
        Assert.Equal("1", ringing["SequenceNumber"]);
    }
}
