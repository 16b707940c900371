using MinimalCrm.Calls;
using TwilioCallTracking;

namespace MinimalCrm.Tests;

public sealed class CallFormatTests
{
    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(7, "0:07")]
    [InlineData(65, "1:05")]
    [InlineData(3600, "60:00")]
    [InlineData(null, "—")]
    public void Duration_IsMinutesAndSeconds(int? seconds, string shown) => Assert.Equal(shown, CallFormat.Duration(seconds));

    [Fact]
    public void Duration_OfACallNeverAnswered_IsADash_ButAnAnsweredZeroSecondCallIsZero()
    {
        var busy = new Call { TenantId = "acme", From = "+15005550100", To = "+14155550001", Status = CallStatus.Busy, DurationSeconds = 0 };
        var hungUp = new Call { TenantId = "acme", From = "+15005550100", To = "+14155550006", Status = CallStatus.Completed, DurationSeconds = 0, AnsweredAt = DateTimeOffset.UnixEpoch };

        Assert.Equal("—", CallFormat.Duration(busy));
        Assert.Equal("0:00", CallFormat.Duration(hungUp));
    }

    [Theory]
    [InlineData(CallStatus.Queued, "badge badge-waiting")]
    [InlineData(CallStatus.InProgress, "badge badge-live")]
    [InlineData(CallStatus.Completed, "badge badge-ok")]
    [InlineData(CallStatus.NoAnswer, "badge badge-bad")]
    public void Badge_ReadsTheStatus(CallStatus status, string css) => Assert.Equal(css, CallFormat.BadgeClass(status));

    [Fact]
    public void OtherParty_IsTheCallerOfAnInboundCall_AndTheCalleeOfAnOutboundOne()
    {
        Assert.Equal("+14155550103", CallFormat.OtherParty(new Call { TenantId = "acme", From = "+14155550103", To = "+15005550100", Direction = CallDirection.Inbound }));
        Assert.Equal("+14155550102", CallFormat.OtherParty(new Call { TenantId = "acme", From = "+15005550100", To = "+14155550102", Direction = CallDirection.Outbound }));
    }
}
