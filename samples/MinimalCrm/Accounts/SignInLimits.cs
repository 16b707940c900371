namespace MinimalCrm.Accounts;

/// <summary>
/// How hard guessing passwords is made (configuration section <c>SignIn</c>): sign-in attempts per client address, and
/// the lockout of an e-mail address after failed attempts.
/// </summary>
public sealed class SignInLimits
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SignIn";

    /// <summary>How many sign-in attempts (posts of the sign-in form) one client address may make per <see cref="Window"/>. Default 10.</summary>
    public int PermitsPerAddress { get; set; } = 10;

    /// <summary>The window of <see cref="PermitsPerAddress"/>. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many failed attempts in a row lock an e-mail address. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long an e-mail address stays locked, and how long a failure counts towards the lockout. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
