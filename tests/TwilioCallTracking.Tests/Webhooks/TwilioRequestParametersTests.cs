using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Webhooks;

public class TwilioRequestParametersTests
{
    [Fact]
    public void ToJson_KeepsEveryParameter_AndRepeatedNamesBecomeArrays()
    {
        var parameters = TwilioRequestParameters.From(
            ("CallSid", "CA1"), ("StatusCallbackEvent", "initiated"), ("StatusCallbackEvent", "ringing"), ("Caller", "Ω \"quoted\""), ("Empty", ""));

        Assert.Equal(
            "{\"CallSid\":\"CA1\",\"StatusCallbackEvent\":[\"initiated\",\"ringing\"],\"Caller\":\"\\u03A9 \\u0022quoted\\u0022\",\"Empty\":\"\"}",
            parameters.ToJson());
    }

    [Fact]
    public void Lookup_IsCaseSensitive_AndReturnsTheFirstValue()
    {
        var parameters = TwilioRequestParameters.From(("To", "+1"), ("to", "+2"), ("To", "+3"));

        Assert.Equal("+1", parameters["To"]);
        Assert.Equal("+2", parameters["to"]);
        Assert.Null(parameters["TO"]);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("", null)]
    [InlineData("4.2", null)]
    [InlineData("x", null)]
    public void GetInt32_ParsesOnlyIntegers(string value, int? expected)
    {
        Assert.Equal(expected, TwilioRequestParameters.From(("CallDuration", value)).GetInt32("CallDuration"));
    }
}
