using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Calls;

public class CallLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    public static TheoryData<CallStatus, CallStatus> EveryOrderedPair()
    {
        var data = new TheoryData<CallStatus, CallStatus>();
        foreach (var from in Enum.GetValues<CallStatus>())
        {
            foreach (var to in Enum.GetValues<CallStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrderedPair))]
    public void EveryOrderedPair_MovesForwardOnly_AndTerminalIsNeverOverwritten(CallStatus current, CallStatus incoming)
    {
        var call = NewCall(current);
        var transition = CallLifecycle.ApplyStatus(call, Report(incoming, T0.AddSeconds(30), duration: 12));

        var expected = current.IsTerminal()
            ? current
            : CallLifecycle.Rank(incoming) > CallLifecycle.Rank(current) ? incoming : current;
        Assert.Equal(expected, transition.Next.Status);

        var expectedKind = current.IsTerminal() && incoming.IsTerminal() && incoming != current ? CallTransitionKind.Late
            : CallLifecycle.Rank(incoming) > CallLifecycle.Rank(current) ? CallTransitionKind.Advanced
            : CallLifecycle.Rank(incoming) == CallLifecycle.Rank(current) ? CallTransitionKind.Same
            : CallTransitionKind.Late;
        Assert.Equal(expectedKind, transition.Kind);

        // The input snapshot is never mutated.
        Assert.Equal(current, call.Status);
    }

    [Fact]
    public void LateRinging_AfterCompleted_KeepsCompleted()
    {
        var completed = CallLifecycle.ApplyStatus(NewCall(CallStatus.InProgress), Report(CallStatus.Completed, T0.AddSeconds(60), duration: 45)).Next;
        var late = CallLifecycle.ApplyStatus(completed, Report(CallStatus.Ringing, T0.AddSeconds(5)));

        Assert.Equal(CallStatus.Completed, late.Next.Status);
        Assert.Equal(CallTransitionKind.Late, late.Kind);
        Assert.False(late.Changed);
    }

    [Fact]
    public void FirstInProgress_SetsAnsweredAt_AndALaterOneDoesNotMoveIt()
    {
        var answered = CallLifecycle.ApplyStatus(NewCall(CallStatus.Ringing), Report(CallStatus.InProgress, T0.AddSeconds(10))).Next;
        var again = CallLifecycle.ApplyStatus(answered, Report(CallStatus.InProgress, T0.AddSeconds(20))).Next;

        Assert.Equal(T0.AddSeconds(10), answered.AnsweredAt);
        Assert.Equal(T0.AddSeconds(10), again.AnsweredAt);
    }

    [Fact]
    public void Completed_SetsEndedAtAndDurationInSeconds()
    {
        var call = CallLifecycle.ApplyStatus(NewCall(CallStatus.InProgress), Report(CallStatus.Completed, T0.AddSeconds(145), duration: 145)).Next;

        Assert.Equal(T0.AddSeconds(145), call.EndedAt);
        Assert.Equal(145, call.DurationSeconds);
    }

    [Fact]
    public void CompletedWithoutInProgress_DerivesAnsweredAtFromDuration()
    {
        var call = CallLifecycle.ApplyStatus(NewCall(CallStatus.Ringing), Report(CallStatus.Completed, T0.AddSeconds(100), duration: 40)).Next;

        Assert.Equal(T0.AddSeconds(60), call.AnsweredAt);
    }

    [Fact]
    public void LateInProgress_AfterCompleted_FillsMissingAnsweredAtOnly()
    {
        var completed = NewCall(CallStatus.Completed);
        completed.EndedAt = T0.AddSeconds(100);
        completed.DurationSeconds = 50;

        var next = CallLifecycle.ApplyStatus(completed, Report(CallStatus.InProgress, T0.AddSeconds(50))).Next;

        Assert.Equal(CallStatus.Completed, next.Status);
        Assert.Equal(T0.AddSeconds(50), next.AnsweredAt);
    }

    [Theory]
    [InlineData(CallStatus.Busy)]
    [InlineData(CallStatus.NoAnswer)]
    [InlineData(CallStatus.Failed)]
    [InlineData(CallStatus.Canceled)]
    public void UnansweredTerminal_HasZeroDurationAndNoAnsweredAt(CallStatus status)
    {
        var call = CallLifecycle.ApplyStatus(NewCall(CallStatus.Ringing), Report(status, T0.AddSeconds(30))).Next;

        Assert.Equal(status, call.Status);
        Assert.Equal(0, call.DurationSeconds);
        Assert.Null(call.AnsweredAt);
        Assert.Equal(T0.AddSeconds(30), call.EndedAt);
    }

    [Fact]
    public void Failed_KeepsTwilioErrorCodeAndMessage()
    {
        var report = Report(CallStatus.Failed, T0) with { ErrorCode = 32009, ErrorMessage = "Carrier rejected" };
        var call = CallLifecycle.ApplyStatus(NewCall(CallStatus.Queued), report).Next;

        Assert.Equal(32009, call.ErrorCode);
        Assert.Equal("Carrier rejected", call.ErrorMessage);
    }

    [Fact]
    public void UnknownStatus_ChangesNothing()
    {
        var call = NewCall(CallStatus.Ringing);
        var transition = CallLifecycle.ApplyStatus(call, new StatusReport { RawStatus = "teleported", Status = null, At = T0 });

        Assert.Equal(CallTransitionKind.Unrecognised, transition.Kind);
        Assert.False(transition.Changed);
    }

    [Fact]
    public void RecordingOnCompletedCallback_IsStored()
    {
        var report = Report(CallStatus.Completed, T0, duration: 10) with
        {
            Recording = new RecordingReport { Status = "completed", RecordingSid = "RE" + new string('a', 32), RecordingUrl = "https://api.twilio.com/r", DurationSeconds = 9 },
        };

        var call = CallLifecycle.ApplyStatus(NewCall(CallStatus.InProgress), report).Next;

        Assert.Equal("RE" + new string('a', 32), call.RecordingSid);
        Assert.Equal(9, call.RecordingDurationSeconds);
    }

    [Theory]
    [InlineData("in-progress")]
    [InlineData("absent")]
    public void RecordingThatIsNotCompleted_ChangesNothing(string status)
    {
        var call = NewCall(CallStatus.Completed);
        var transition = CallLifecycle.ApplyRecording(call, new RecordingReport { Status = status, RecordingSid = "RE" + new string('b', 32) });

        Assert.False(transition.Changed);
    }

    [Fact]
    public void SecondRecording_DoesNotReplaceTheFirst()
    {
        var first = CallLifecycle.ApplyRecording(NewCall(CallStatus.Completed), Recording("RE" + new string('1', 32), 30)).Next;
        var second = CallLifecycle.ApplyRecording(first, Recording("RE" + new string('2', 32), 31)).Next;

        Assert.Equal("RE" + new string('1', 32), second.RecordingSid);
        Assert.Equal(30, second.RecordingDurationSeconds);
    }

    [Fact]
    public void Fail_MarksAQueuedCallFailed_ButNeverATerminalOne()
    {
        var failed = CallLifecycle.Fail(NewCall(CallStatus.Queued), T0, 21211, "Invalid 'To' Phone Number");
        var completed = CallLifecycle.Fail(NewCall(CallStatus.Completed), T0, 20500, "late");

        Assert.Equal(CallStatus.Failed, failed.Next.Status);
        Assert.Equal(21211, failed.Next.ErrorCode);
        Assert.Equal(CallStatus.Completed, completed.Next.Status);
        Assert.False(completed.Changed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1234)]
    public void ShuffledRealSequence_WithDuplicates_AlwaysEndsInTheSameState(int seed)
    {
        // initiated, ringing, in-progress, completed (+ recording on completed): the real outbound sequence.
        var reports = new List<StatusReport>
        {
            Report(CallStatus.Initiated, T0),
            Report(CallStatus.Ringing, T0.AddSeconds(2)),
            Report(CallStatus.InProgress, T0.AddSeconds(8)),
            Report(CallStatus.Completed, T0.AddSeconds(50), duration: 42),
        };
        var random = new Random(seed);
        var deliveries = reports.Concat(reports.Where(_ => random.Next(2) == 0)).OrderBy(_ => random.Next()).ToList();

        var call = NewCall(CallStatus.Queued);
        foreach (var report in deliveries)
        {
            call = CallLifecycle.ApplyStatus(call, report).Next;
        }

        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(42, call.DurationSeconds);
        Assert.Equal(T0.AddSeconds(50), call.EndedAt);
        // Answered-at is the in-progress time when it came first, or derived from the duration (50 - 42 s) when
        // completed beat it: the same instant either way.
        Assert.Equal(T0.AddSeconds(8), call.AnsweredAt);
    }

    private static RecordingReport Recording(string sid, int duration) =>
        new() { Status = "completed", RecordingSid = sid, RecordingUrl = "https://api.twilio.com/" + sid, DurationSeconds = duration };

    private static StatusReport Report(CallStatus status, DateTimeOffset at, int? duration = null) =>
        new() { RawStatus = status.ToTwilioString(), Status = status, At = at, CallDurationSeconds = duration };

    private static Call NewCall(CallStatus status) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = TestTenants.A.TenantId,
        From = "+15005550006",
        To = "+14155550100",
        Status = status,
        CreatedAt = T0,
    };
}
