using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinimalCrm.Data;

namespace MinimalCrm.Accounts;

/// <summary>
/// Checks an e-mail address and password: refuses a locked address before looking at the password, refuses the demo
/// users outside Development, and counts failures towards the lockout (<see cref="SignInLockout"/>).
/// </summary>
public sealed class CrmSignIn(CrmDbContext db, IPasswordHasher<CrmUser> hasher, SignInLockout lockout, IHostEnvironment environment)
{
    // Checked instead when nobody has the address, so that an unknown address takes as long as a wrong password.
    private static readonly CrmUser Nobody = new() { TenantId = string.Empty, Email = string.Empty, DisplayName = string.Empty, PasswordHash = string.Empty };
    private static string? _nobodyHash;

    /// <summary>Who signs in, or why not.</summary>
    public async Task<SignInAttempt> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        email = email.Trim().ToLowerInvariant();
        if (lockout.LockedFor(email) is { } locked)
        {
            return SignInAttempt.Locked(locked);
        }

        var user = environment.IsDevelopment() || !DemoData.IsDemoUser(email)
            ? await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken)
            : null;
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, _nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString()), password);
        }

        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return lockout.RecordFailure(email) is { } lockedNow ? SignInAttempt.Locked(lockedNow) : SignInAttempt.Wrong;
        }

        lockout.RecordSuccess(email);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId, cancellationToken);
        return SignInAttempt.Succeeded(CrmClaims.For(user, tenant));
    }
}
