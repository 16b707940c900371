namespace MinimalCrm.Setup;

/// <summary>Which Twilio the CRM talks to.</summary>
public enum TwilioMode
{
    /// <summary>The built-in Twilio simulator (no account, no tunnel): the default when no Twilio credentials are set.</summary>
    Simulator,

    /// <summary>The real Twilio, with the account from <c>TWILIO_ACCOUNT_SID</c> / <c>TWILIO_AUTH_TOKEN</c>.</summary>
    Real,
}
