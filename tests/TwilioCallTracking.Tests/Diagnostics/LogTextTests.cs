using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Diagnostics;

/// <summary>The one place values reach log lines: no line break, control or invisible format character gets through.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("+1555\r\nFAKE LOG LINE", "+1555\\r\\nFAKE LOG LINE")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("nul\0bell\a esc\u001b del\u007f nel\u0085", "nul\\u0000bell\\u0007 esc\\u001b del\\u007f nel\\u0085")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("bidi\u202Eevil", "bidi\\u202eevil")]
    public void UnsafeCharacters_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, new LogText(value).ToString());
    }

    [Fact]
    public void ASafeValue_IsWrittenAsIs_WithoutACopy()
    {
        const string value = "+14155550123 CA0123456789abcdef0123456789abcdef Ünïcödé ☎";

        Assert.Same(value, LogText.Sanitize(value));
    }

    [Fact]
    public void Null_IsWrittenAsForAnyLogParameter()
    {
        Assert.Equal("(null)", new LogText(null).ToString());
    }

    [Fact]
    public void AVeryLongValue_IsCut_SayingHowMuchWasLeftOut()
    {
        var value = new string('x', LogText.MaxLength + 500) + "\nFAKE";

        var written = LogText.Sanitize(value);

        Assert.Equal(new string('x', LogText.MaxLength) + "…(+505 characters)", written);
        Assert.DoesNotContain('\n', written);
    }
}
