namespace TwilioCallTracking;

/// <summary>How a report related to the call's status when it was applied.</summary>
internal enum CallTransitionKind
{
    /// <summary>The report moved the call's status forward.</summary>
    Advanced,

    /// <summary>The report carried the status the call already had (or did not concern status).</summary>
    Same,

    /// <summary>The report arrived after a later status: the status was kept, the report logged.</summary>
    Late,

    /// <summary>The report carried a status string Twilio has not documented: logged, nothing changed.</summary>
    Unrecognised,
}

/// <summary>The result of applying a report to a call: its state before and after.</summary>
/// <param name="Previous">The call as it was.</param>
/// <param name="Next">The call as it should be stored.</param>
/// <param name="Kind">How the report's status related to the call's.</param>
internal sealed record CallTransition(Call Previous, Call Next, CallTransitionKind Kind)
{
    /// <summary>Whether anything stored about the call changes.</summary>
    public bool Changed => !Previous.Equals(Next);
}
