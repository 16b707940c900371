using MinimalCrm.Webhooks;

namespace MinimalCrm.Tests;

public sealed class TimeInWordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(9, "just now")]
    [InlineData(-5, "in a few seconds")]
    [InlineData(45, "45 seconds ago")]
    [InlineData(60, "1 minute ago")]
    [InlineData(125, "2 minutes ago")]
    [InlineData(-20, "in 20 seconds")]
    [InlineData(3 * 3600 + 59 * 60, "3 hours ago")]
    [InlineData(86400, "1 day ago")]
    [InlineData(-3 * 86400, "in 3 days")]
    public void Relative_SaysTheLargestWholeUnit(int secondsAgo, string expected) =>
        Assert.Equal(expected, TimeInWords.Relative(Now.AddSeconds(-secondsAgo), Now));
}
