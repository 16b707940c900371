using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MinimalCrm.Accounts;

/// <summary>
/// Locks an e-mail address for <see cref="SignInLimits.LockoutDuration"/> after <see cref="SignInLimits.MaxFailedAttempts"/>
/// failed sign-ins in a row, whether or not a user has that address (so the lockout tells nobody which addresses exist).
/// Kept in this process's memory: a restart or another instance starts counting afresh.
/// </summary>
public sealed class SignInLockout(TimeProvider time, IOptions<SignInLimits> limits)
{
    // Past this many addresses, entries whose failures and lockout have expired are dropped on the next failure.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="email"/> stays locked, or <see langword="null"/> when it may sign in.</summary>
    public TimeSpan? LockedFor(string email)
    {
        var now = time.GetUtcNow();
        return _failures.TryGetValue(email, out var failures) && failures.LockedUntil > now ? failures.LockedUntil - now : null;
    }

    /// <summary>Counts a failed sign-in of <paramref name="email"/>; returns how long it is now locked, if it is.</summary>
    public TimeSpan? RecordFailure(string email)
    {
        var now = time.GetUtcNow();
        var limit = limits.Value;
        if (_failures.Count > PruneAbove)
        {
            Prune(now, limit.LockoutDuration);
        }

        var updated = _failures.AddOrUpdate(
            email,
            _ => Next(new Failures(0, now, DateTimeOffset.MinValue), now, limit),
            (_, current) => Next(current.LastFailure + limit.LockoutDuration <= now ? new Failures(0, now, current.LockedUntil) : current, now, limit));
        return updated.LockedUntil > now ? updated.LockedUntil - now : null;
    }

    /// <summary>Forgets the failures of <paramref name="email"/> after it signed in.</summary>
    public void RecordSuccess(string email) => _failures.TryRemove(email, out _);

    private static Failures Next(Failures current, DateTimeOffset now, SignInLimits limit)
    {
        var count = current.Count + 1;
        return count >= limit.MaxFailedAttempts
            ? new Failures(0, now, now + limit.LockoutDuration)
            : new Failures(count, now, current.LockedUntil);
    }

    private void Prune(DateTimeOffset now, TimeSpan duration)
    {
        foreach (var (email, failures) in _failures)
        {
            if (failures.LockedUntil <= now && failures.LastFailure + duration <= now)
            {
                _failures.TryRemove(email, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
