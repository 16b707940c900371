namespace TwilioCallTracking.Simulator;

/// <summary>The Twilio simulator (filled in by the sample's issue).</summary>
public static class TwilioSimulatorInfo
{
    /// <summary>The simulator's name.</summary>
    public const string Name = "TwilioCallTracking.Simulator";
}
