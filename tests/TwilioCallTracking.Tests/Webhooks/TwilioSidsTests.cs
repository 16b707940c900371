using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Webhooks;

public class TwilioSidsTests
{
    [Theory]
    [InlineData("CA0123456789abcdef0123456789abcdef", true)]
    [InlineData("CA0123456789ABCDEF0123456789ABCDEF", true)]
    [InlineData("CA0123456789abcdef0123456789abcde", false)]
    [InlineData("CA0123456789abcdef0123456789abcdeg", false)]
    [InlineData("RE0123456789abcdef0123456789abcdef", false)]
    [InlineData(null, false)]
    public void IsCallSid(string? value, bool expected) => Assert.Equal(expected, TwilioSids.IsCallSid(value));

    [Theory]
    [InlineData("+14155550100", true)]
    [InlineData("+1", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+0123", false)]
    [InlineData("14155550100", false)]
    [InlineData("anonymous", false)]
    public void IsE164(string value, bool expected) => Assert.Equal(expected, TwilioSids.IsE164(value));
}
