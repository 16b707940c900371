namespace TwilioCallTracking;

/// <summary>
/// Finds the host CRM's contacts that have a phone number. The library does not own contacts: the host app implements
/// this (register it with <c>AddTwilioCallTracking().AddContactLookup&lt;T&gt;()</c>) so inbound calls are linked to
/// the right contact. Numbers arrive normalised to E.164; store contacts' numbers normalised with
/// <see cref="PhoneNumberNormalizer"/> so they compare equal.
/// </summary>
public interface IContactLookup
{
    /// <summary>The ids of the tenant's contacts that have <paramref name="e164Number"/> (any of their numbers).</summary>
    Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="contactId"/> is one of the tenant's contacts: a call is linked to a contact only when it
    /// is, so a user can never attach a call to another tenant's contact.
    /// </summary>
    Task<bool> ContactExistsAsync(string tenantId, Guid contactId, CancellationToken cancellationToken = default);
}
