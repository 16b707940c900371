namespace TwilioCallTracking.Tests.Diagnostics;

/// <summary>Twilio REST requests are named from their method and path alone, as the SDK and the recording client build them.</summary>
public sealed class TwilioOperationsTests
{
    private const string Account = "https://api.twilio.com/2010-04-01/Accounts/AC11111111111111111111111111111111";
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("POST", Account + "/Calls.json", "calls.create", null)]
    [InlineData("GET", Account + "/Calls.json?To=%2B14155550100", "calls.list", null)]
    [InlineData("GET", Account + "/Calls/" + CallSid + ".json", "calls.fetch", CallSid)]
    [InlineData("POST", Account + "/Calls/" + CallSid + ".json", "calls.update", CallSid)]
    [InlineData("GET", Account + "/Recordings/RE0123456789abcdef0123456789abcdef.mp3?RequestedChannels=2", "recordings.fetch", null)]
    [InlineData("GET", Account + ".json", "accounts.fetch", null)]
    [InlineData("GET", Account + "/IncomingPhoneNumbers.json?PhoneNumber=%2B18005550100", "incoming_phone_numbers.list", null)]
    [InlineData("POST", Account + "/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json", "incoming_phone_numbers.update", null)]
    [InlineData("GET", "http://127.0.0.1:5080/twilio-sim/2010-04-01/Accounts/AC11111111111111111111111111111111/Calls/" + CallSid + ".json", "calls.fetch", CallSid)]
    [InlineData("GET", "https://api.twilio.com/v1/Somewhere/Else", "other", null)]
    public void Of_NamesTheOperation_AndTheCallSidWhenThePathHasOne(string method, string url, string operation, string? callSid)
    {
        var (named, sid) = TwilioOperations.Of(new HttpMethod(method), new Uri(url));

        Assert.Equal(operation, named);
        Assert.Equal(callSid, sid);
    }
}
