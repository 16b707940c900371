using TwilioCallTracking;

namespace MinimalCrm.Calls;

/// <summary>A call as the pages show it: the call and the name of the contact it was with, when known.</summary>
/// <param name="Call">The tracked call.</param>
/// <param name="ContactName">The contact's name: the call's contact, else the contact whose number called or was called.</param>
public sealed record CallRow(Call Call, string? ContactName)
{
    /// <summary>The other party's number: who called (inbound) or who was called (outbound).</summary>
    public string OtherParty => CallFormat.OtherParty(Call);

    /// <summary>Whether the other party is an unknown real number, so the CRM can offer to create a contact for it.</summary>
    public bool CanCreateContact => ContactName is null && !Call.ContactAmbiguous && TwilioCallTracking.TwilioSids.IsE164(OtherParty);

    /// <summary>A version of what the row shows, so the live refresh replaces it only when it changed.</summary>
    public string LiveVersion => $"{Call.Version}-{ContactName}";
}
