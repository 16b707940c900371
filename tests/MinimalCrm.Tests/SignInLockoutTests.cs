using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MinimalCrm.Accounts;

namespace MinimalCrm.Tests;

public sealed class SignInLockoutTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SignInLockout _lockout;

    public SignInLockoutTests() =>
        _lockout = new SignInLockout(_time, Options.Create(new SignInLimits { MaxFailedAttempts = 3, LockoutDuration = TimeSpan.FromMinutes(15) }));

    [Fact]
    public void MaxFailuresInARow_LockTheAddress_ForTheLockoutDuration()
    {
        Assert.Null(_lockout.RecordFailure("a@x.test"));
        Assert.Null(_lockout.RecordFailure("a@x.test"));
        Assert.Null(_lockout.LockedFor("a@x.test"));

        Assert.Equal(TimeSpan.FromMinutes(15), _lockout.RecordFailure("a@x.test"));

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TimeSpan.FromMinutes(1), _lockout.LockedFor("a@x.test"));
        Assert.Null(_lockout.LockedFor("b@x.test"));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(_lockout.LockedFor("a@x.test"));
    }

    [Fact]
    public void AfterALockout_TheCountStartsAgain()
    {
        for (var i = 0; i < 3; i++)
        {
            _lockout.RecordFailure("a@x.test");
        }

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(_lockout.RecordFailure("a@x.test"));
        Assert.Null(_lockout.LockedFor("a@x.test"));
    }

    [Fact]
    public void ASuccess_ForgetsTheFailures()
    {
        _lockout.RecordFailure("a@x.test");
        _lockout.RecordFailure("a@x.test");
        _lockout.RecordSuccess("a@x.test");

        Assert.Null(_lockout.RecordFailure("a@x.test"));
        Assert.Null(_lockout.RecordFailure("a@x.test"));
    }

    [Fact]
    public void FailuresFurtherApartThanTheDuration_NeverLock()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(_lockout.RecordFailure("a@x.test"));
            _time.Advance(TimeSpan.FromMinutes(15));
        }
    }
}
