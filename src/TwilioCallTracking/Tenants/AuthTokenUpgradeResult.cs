namespace TwilioCallTracking;

/// <summary>What <see cref="AuthTokenUpgrade"/> found: configurations rewritten, already current, changed meanwhile, unreadable.</summary>
internal sealed class AuthTokenUpgradeResult
{
    public int Rewritten { get; set; }

    public int Current { get; set; }

    public int ChangedMeanwhile { get; set; }

    public int Unreadable { get; set; }
}
