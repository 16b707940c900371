using TwilioCallTracking;
using P = TwilioCallTracking.TwilioParameterNames;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The default <see cref="IWebhookTenantResolver"/>, in this order:
/// <list type="number">
/// <item>the <c>tenant</c> query parameter of the callback URLs this library builds (nothing else is tried when it is present);</item>
/// <item>the tenant whose Twilio number was called, <c>To</c> then <c>Called</c> (inbound calls, and status callbacks configured in the Twilio Console);</item>
/// <item>except for the answer webhook, the tenant whose number called, <c>From</c> then <c>Caller</c> (outbound calls whose callbacks were configured without this library's URL);</item>
/// <item>except for the answer webhook, the only tenant using the request's <c>AccountSid</c>.</item>
/// </list>
/// A number's tenant is only taken when its account SID matches the request's (when it has one). The answer webhook
/// never falls back beyond the called number: a call to a number no tenant registered is rejected, not forwarded.
/// </summary>
/// <param name="configurations">The tenants' Twilio configurations (cached).</param>
public sealed class WebhookTenantResolver(TwilioConfigurationService configurations) : IWebhookTenantResolver
{
    private static readonly string[] CalledNumbers = [P.To, P.Called];
    private static readonly string[] AnyNumbers = [P.To, P.Called, P.From, P.Caller];

    /// <inheritdoc/>
    public async Task<TwilioConfiguration?> ResolveAsync(WebhookTenantQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TenantHint is { Length: > 0 } tenantId)
        {
            return await configurations.FindAsync(tenantId, cancellationToken);
        }

        var answer = query.Kind == TwilioWebhookKind.Answer;
        var accountSid = query.Parameters.GetNonEmpty(P.AccountSid);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in answer ? CalledNumbers : AnyNumbers)
        {
            if (query.Parameters.GetNonEmpty(name) is not { } number || !tried.Add(number))
            {
                continue;
            }

            var owner = await configurations.FindByPhoneNumberAsync(number, cancellationToken);
            if (owner is not null && (accountSid is null || string.Equals(owner.AccountSid, accountSid, StringComparison.Ordinal)))
            {
                return owner;
            }
        }

        if (answer || accountSid is null)
        {
            return null;
        }

        var sharing = await configurations.FindByAccountSidAsync(accountSid, cancellationToken);
        return sharing.Count == 1 ? sharing[0] : null;
    }
}
