using MinimalCrm.Calls;

namespace MinimalCrm.Tests;

public sealed class EventPayloadTests
{
    [Fact]
    public void Pretty_IsIndented_Readable_AndRedacted()
    {
        const string accountSid = "AC0123456789abcdef0123456789abcdef";
        var stored = $$"""{"AccountSid":"{{accountSid}}","CallSid":"CA1","From":"\u002B14155550100","RecordingUrl":"https://api.twilio.com/2010-04-01/Accounts/{{accountSid}}/Recordings/RE1","RecordingSid":"RE1"}""";

        var shown = EventPayload.Pretty(stored);

        Assert.Equal("{\n  \"CallSid\": \"CA1\",\n  \"From\": \"+14155550100\",\n  \"RecordingSid\": \"RE1\"\n}", shown.ReplaceLineEndings("\n"));
    }
}
