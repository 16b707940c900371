using Twilio.TwiML.Voice;
using TwilioCallTracking;

namespace TwilioCallTracking.Tests.Configuration;

public sealed class RecordingModeNamesTests
{
    [Fact]
    public void EveryMode_RoundTripsThroughTwiliosDialRecordString()
    {
        foreach (var mode in Enum.GetValues<RecordingMode>())
        {
            var name = mode.ToTwilioString();

            Assert.Equal(mode, RecordingModeNames.Parse(name));
            Assert.Equal(mode, RecordingModeNames.Parse(name.ToUpperInvariant()));
        }
    }

    [Fact]
    public void Strings_AreTheOnesTheSdkSendsInDialRecord()
    {
        Assert.Equal(Dial.RecordEnum.RecordFromRingingDual.ToString(), RecordingMode.RecordFromRingingDual.ToTwilioString());
        Assert.Equal(Dial.RecordEnum.DoNotRecord.ToString(), RecordingMode.DoNotRecord.ToTwilioString());
        Assert.Equal(Dial.RecordEnum.RecordFromAnswerDual.ToString(), RecordingMode.RecordFromAnswerDual.ToTwilioString());
    }

    [Fact]
    public void UnknownString_IsAFormatError() =>
        Assert.Throws<FormatException>(() => RecordingModeNames.Parse("record-always"));
}
