using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Links a caller's number to a contact: normalised to E.164, never the tenant's own Twilio or forward-to number, and
/// only when exactly one contact has it.
/// </summary>
/// <param name="lookup">The host's contacts.</param>
/// <param name="normalizer">The E.164 normaliser.</param>
internal sealed class CallerContactMatcher(IContactLookup lookup, PhoneNumberNormalizer normalizer)
{
    /// <summary>Finds the contact <paramref name="number"/> belongs to, for <paramref name="configuration"/>'s tenant.</summary>
    public async Task<ContactMatch> MatchAsync(TwilioConfiguration configuration, string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var e164 = normalizer.ToE164(number);
        if (e164 is null || e164 == normalizer.ToE164(configuration.PhoneNumber) || e164 == normalizer.ToE164(configuration.ForwardToNumber))
        {
            return ContactMatch.None;
        }

        var candidates = await lookup.FindContactsByPhoneNumberAsync(configuration.TenantId, e164, cancellationToken);
        return new ContactMatch([.. candidates.Distinct().Order()]);
    }
}
