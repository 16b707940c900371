using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Webhooks;

public class TwilioTimestampTests
{
    [Theory]
    [InlineData("Tue, 24 Nov 2026 15:55:43 +0000", "2026-11-24T15:55:43Z")]
    [InlineData("Tue, 24 Nov 2026 10:55:43 -0500", "2026-11-24T15:55:43Z")]
    [InlineData("Mon, 2 Mar 2026 01:02:03 +0000", "2026-03-02T01:02:03Z")]
    public void Rfc2822_IsParsedToUtc(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TwilioTimestamp.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-11-24T15:55:43Z")]
    public void AnythingElse_IsNull(string? value)
    {
        Assert.Null(TwilioTimestamp.Parse(value));
    }
}
