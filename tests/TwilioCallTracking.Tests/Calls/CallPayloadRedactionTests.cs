using System.Text.Json;
using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Calls;

public sealed class CallPayloadRedactionTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string RecordingSid = "RE0123456789abcdef0123456789abcdef";
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";

    [Fact]
    public void RecordingCallback_LosesRecordingUrlAndAccountSid_AndKeepsEverythingElse()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["AccountSid"] = AccountSid,
            ["CallSid"] = CallSid,
            ["RecordingSid"] = RecordingSid,
            ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}",
            ["RecordingDuration"] = "29",
            ["From"] = "+14155550100",
            ["StatusCallbackEvent"] = new[] { "initiated", "ringing" },
        });

        using var redacted = JsonDocument.Parse(CallPayloadRedaction.RedactJson(json));

        var names = redacted.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["CallSid", "RecordingSid", "RecordingDuration", "From", "StatusCallbackEvent"], names);
        Assert.Equal("+14155550100", redacted.RootElement.GetProperty("From").GetString());
        Assert.Equal(2, redacted.RootElement.GetProperty("StatusCallbackEvent").GetArrayLength());
        Assert.DoesNotContain(AccountSid, redacted.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recordingUrl")]
    [InlineData("recording_url")]
    [InlineData("account_sid")]
    [InlineData("ACCOUNTSID")]
    public void OtherSpellingsOfTheNames_AreRemovedToo(string name)
    {
        var json = $"{{\"{name}\":\"x\",\"nested\":{{\"{name}\":\"y\",\"kept\":1}}}}";

        Assert.Equal("{\"nested\":{\"kept\":1}}", CallPayloadRedaction.RedactJson(json));
    }

    [Fact]
    public void TwilioUrlsAndAccountSids_InsideOtherValues_BecomeThePlaceholder()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["message"] = $"The requested resource /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json was not found",
            ["Uri"] = $"https://api.twilio.com/2010-04-01/Accounts/x/Recordings/{RecordingSid}.mp3?Download=true",
            ["media"] = new[] { "https://media.twiliocdn.com/abc", "kept" },
            ["site"] = "https://nottwilio.com.example.org/page",
        });

        using var redacted = JsonDocument.Parse(CallPayloadRedaction.RedactJson(json));

        Assert.Equal($"The requested resource /2010-04-01/Accounts/[redacted]/Calls/{CallSid}.json was not found", redacted.RootElement.GetProperty("message").GetString());
        Assert.Equal("[redacted]", redacted.RootElement.GetProperty("Uri").GetString());
        Assert.Equal(["[redacted]", "kept"], redacted.RootElement.GetProperty("media").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://nottwilio.com.example.org/page", redacted.RootElement.GetProperty("site").GetString());
    }

    [Fact]
    public void Text_KeepsOtherSids_AndHexThatOnlyContainsAnAccountSid()
    {
        var longer = "x" + AccountSid;

        Assert.Equal($"call {CallSid}, recording {RecordingSid}, {longer}", CallPayloadRedaction.RedactText($"call {CallSid}, recording {RecordingSid}, {longer}"));
        Assert.Equal("Twilio has no call: see [redacted] for [redacted].", CallPayloadRedaction.RedactText($"Twilio has no call: see https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Calls.json for {AccountSid}."));
        Assert.Null(CallPayloadRedaction.RedactText(null));
    }

    [Fact]
    public void NotJson_IsRedactedAsText()
    {
        Assert.Equal("AccountSid=[redacted]", CallPayloadRedaction.RedactJson($"AccountSid={AccountSid}"));
    }
}
