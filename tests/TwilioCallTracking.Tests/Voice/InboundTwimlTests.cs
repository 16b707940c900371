using System.Xml.Linq;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Voice;

public class InboundTwimlTests
{
    private static readonly CallbackUrls Urls = new(new Uri("https://crm.example.com/base/"), "/api/twilio/voice", "tenant a");

    [Fact]
    public void Forward_SaysTheGreeting_ThenDialsTheForwardNumberRecordedWithCallbacks()
    {
        var xml = XDocument.Parse(InboundTwiml.Forward(Request("+12125550199"), Configuration(RecordingMode.RecordFromRingingDual), new TwilioCallTrackingOptions(), Urls));

        var response = xml.Root!;
        Assert.Equal("Response", response.Name.LocalName);
        Assert.Equal("Hello from Acme.", response.Element("Say")!.Value);
        var dial = response.Element("Dial")!;
        Assert.Equal("record-from-ringing-dual", dial.Attribute("record")!.Value);
        Assert.Equal("+12125550199", dial.Attribute("callerId")!.Value);
        Assert.Equal("https://crm.example.com/base/api/twilio/voice/dial-action?tenant=tenant%20a", dial.Attribute("action")!.Value);
        Assert.Equal("POST", dial.Attribute("method")!.Value);
        Assert.Equal("30", dial.Attribute("timeout")!.Value);
        Assert.Equal("https://crm.example.com/base/api/twilio/voice/recording?tenant=tenant%20a", dial.Attribute("recordingStatusCallback")!.Value);
        Assert.Equal("completed absent", dial.Attribute("recordingStatusCallbackEvent")!.Value);
        var number = dial.Element("Number")!;
        Assert.Equal(TestTenants.A.ForwardToNumber, number.Value);
        Assert.Equal("https://crm.example.com/base/api/twilio/voice/status?tenant=tenant%20a", number.Attribute("statusCallback")!.Value);
        // TwiML takes the events space-separated (the REST API wants repeated fields).
        Assert.Equal("initiated ringing answered completed", number.Attribute("statusCallbackEvent")!.Value);
    }

    [Fact]
    public void AnonymousCaller_GetsNoExplicitCallerId()
    {
        var xml = XDocument.Parse(InboundTwiml.Forward(Request("anonymous"), Configuration(RecordingMode.RecordFromAnswer), new TwilioCallTrackingOptions(), Urls));

        Assert.Null(xml.Root!.Element("Dial")!.Attribute("callerId"));
        Assert.Equal("record-from-answer", xml.Root.Element("Dial")!.Attribute("record")!.Value);
    }

    [Fact]
    public void DoNotRecord_HasNoRecordingCallback()
    {
        var dial = XDocument.Parse(InboundTwiml.Forward(Request("+12125550199"), Configuration(RecordingMode.DoNotRecord), new TwilioCallTrackingOptions(), Urls)).Root!.Element("Dial")!;

        Assert.Equal("do-not-record", dial.Attribute("record")!.Value);
        Assert.Null(dial.Attribute("recordingStatusCallback"));
    }

    [Fact]
    public void RecordingNotice_IsSaidAfterTheGreeting_BeforeTheDial()
    {
        var configuration = Configuration(RecordingMode.RecordFromAnswerDual);
        configuration.RecordingNotice = "This call is recorded for quality and training.";

        var response = XDocument.Parse(InboundTwiml.Forward(Request("+12125550199"), configuration, new TwilioCallTrackingOptions(), Urls)).Root!;

        Assert.Equal(["Say", "Say", "Dial"], response.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Hello from Acme.", "This call is recorded for quality and training."], response.Elements("Say").Select(e => e.Value));
    }

    [Fact]
    public void RecordingNotice_IsNotSaid_WhenTheCallIsNotRecorded()
    {
        var configuration = Configuration(RecordingMode.DoNotRecord);
        configuration.RecordingNotice = "This call is recorded for quality and training.";

        var response = XDocument.Parse(InboundTwiml.Forward(Request("+12125550199"), configuration, new TwilioCallTrackingOptions(), Urls)).Root!;

        Assert.Equal(["Hello from Acme."], response.Elements("Say").Select(e => e.Value));
    }

    [Fact]
    public void Reject_IsAResponseWithReject()
    {
        Assert.NotNull(XDocument.Parse(InboundTwiml.Reject()).Root!.Element("Reject"));
    }

    private static InboundCallRequest Request(string from) =>
        new("CA0123456789abcdef0123456789abcdef", from, TestTenants.A.PhoneNumber, "ringing", TwilioRequestParameters.From());

    private static TwilioConfiguration Configuration(RecordingMode mode) => new()
    {
        TenantId = "tenant a",
        AccountSid = TestTenants.A.AccountSid,
        ProtectedAuthToken = "v2.x.y",
        PhoneNumber = TestTenants.A.PhoneNumber,
        ForwardToNumber = TestTenants.A.ForwardToNumber,
        Greeting = "Hello from Acme.",
        RecordingMode = mode,
    };
}
