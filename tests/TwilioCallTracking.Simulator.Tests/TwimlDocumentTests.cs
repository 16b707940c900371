using TwilioCallTracking;
using TwilioCallTracking.Simulator.Twiml;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class TwimlDocumentTests
{
    [Fact]
    public void CoreForwardTwiml_IsReadWithEveryAttributeTheSimulatorFollows()
    {
        var configuration = new TwilioConfiguration
        {
            TenantId = "t1", AccountSid = "AC" + new string('a', 32), ProtectedAuthToken = "x", PhoneNumber = "+18777804236", ForwardToNumber = "+14155550100",
        };
        var options = new TwilioCallTrackingOptions { PublicBaseUrl = new Uri("https://crm.example.com") };
        var request = new InboundCallRequest("CA" + new string('b', 32), "+12125550147", "+18777804236", "ringing", TwilioRequestParameters.From());

        var document = TwimlDocument.Parse(InboundTwiml.Forward(request, configuration, options, CallbackUrls.For(configuration, options)!), out var error);

        Assert.Null(error);
        Assert.IsType<SayVerb>(document!.Verbs[0]);
        var dial = Assert.IsType<DialVerb>(document.Verbs[1]);
        Assert.Equal("https://crm.example.com/api/twilio/voice/dial-action?tenant=t1", dial.Action);
        Assert.Equal("POST", dial.Method);
        Assert.Equal(30, dial.TimeoutSeconds);
        Assert.Equal("+12125550147", dial.CallerId);
        Assert.Equal("record-from-ringing-dual", dial.Record);
        Assert.True(dial.RecordsDual && dial.RecordsFromRinging);
        Assert.Equal("https://crm.example.com/api/twilio/voice/recording?tenant=t1", dial.RecordingStatusCallback);
        Assert.Equal(["completed", "absent"], dial.RecordingStatusCallbackEvents);
        var number = Assert.Single(dial.Numbers);
        Assert.Equal("+14155550100", number.PhoneNumber);
        Assert.Equal("https://crm.example.com/api/twilio/voice/status?tenant=t1", number.StatusCallback);
        Assert.Equal(["initiated", "ringing", "answered", "completed"], number.StatusCallbackEvents);
    }

    [Theory]
    [InlineData("<Response><Dial record=\"true\">+14155550100</Dial></Response>", "record-from-answer")]
    [InlineData("<Response><Dial>+14155550100</Dial></Response>", "do-not-record")]
    public void PlainDial_ReadsTheNumberText_AndRecordAliases(string xml, string record)
    {
        var dial = Assert.IsType<DialVerb>(Assert.Single(TwimlDocument.Parse(xml, out _)!.Verbs));

        Assert.Equal(record, dial.Record);
        Assert.Equal("+14155550100", Assert.Single(dial.Numbers).PhoneNumber);
        Assert.Equal(["completed"], dial.Numbers[0].StatusCallbackEvents);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<Response><Say>unclosed</Response>")]
    [InlineData("<Other/>")]
    [InlineData("<!DOCTYPE Response [<!ENTITY x \"y\">]><Response/>")]
    public void UnusableTwiml_SaysWhy(string xml)
    {
        Assert.Null(TwimlDocument.Parse(xml, out var error));
        Assert.Contains("12100", error, StringComparison.Ordinal);
    }
}
