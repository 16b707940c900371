using System.Security.Claims;

namespace MinimalCrm.Accounts;

/// <summary>How a sign-in attempt came out (<see cref="CrmSignIn"/>).</summary>
/// <param name="Principal">The signed-in user's claims, when it succeeded.</param>
/// <param name="LockedFor">How long the e-mail address stays locked, when it is.</param>
public sealed record SignInAttempt(ClaimsPrincipal? Principal, TimeSpan? LockedFor)
{
    /// <summary>Wrong e-mail address or password (or a demo user outside Development).</summary>
    public static SignInAttempt Wrong { get; } = new(null, null);

    /// <summary>The e-mail address is locked for <paramref name="lockedFor"/>.</summary>
    public static SignInAttempt Locked(TimeSpan lockedFor) => new(null, lockedFor);

    /// <summary>Signed in as <paramref name="principal"/>.</summary>
    public static SignInAttempt Succeeded(ClaimsPrincipal principal) => new(principal, null);
}
