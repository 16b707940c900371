using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// A webhook that passed the checks of the webhook group: read, resolved to its tenant and (unless validation is off)
/// signed with that tenant's auth token. Endpoints of the group get it with
/// <c>httpContext.Features.Get&lt;TwilioWebhook&gt;()</c>.
/// </summary>
public sealed class TwilioWebhook
{
    /// <summary>Creates the webhook.</summary>
    public TwilioWebhook(TwilioWebhookKind kind, TwilioConfiguration tenant, TwilioRequestParameters parameters, Guid? callId, TwilioRequestUrl url, bool signatureValidated)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(parameters);
        Kind = kind;
        Tenant = tenant;
        Parameters = parameters;
        CallId = callId;
        Url = url;
        SignatureValidated = signatureValidated;
    }

    /// <summary>Which webhook it is.</summary>
    public TwilioWebhookKind Kind { get; }

    /// <summary>The tenant's Twilio configuration (its auth token stays encrypted).</summary>
    public TwilioConfiguration Tenant { get; }

    /// <summary>The tenant.</summary>
    public string TenantId => Tenant.TenantId;

    /// <summary>Every parameter Twilio posted, in order, repeated names kept.</summary>
    public TwilioRequestParameters Parameters { get; }

    /// <summary>The call id this library put in the callback URL (<c>call</c> query parameter), if any.</summary>
    public Guid? CallId { get; }

    /// <summary>The URL the signature was checked against.</summary>
    public TwilioRequestUrl Url { get; }

    /// <summary>Whether the signature was checked (it is, unless <see cref="TwilioWebhookOptions.ValidateSignatures"/> is off).</summary>
    public bool SignatureValidated { get; }
}

/// <summary>Endpoint metadata naming the webhook an endpoint serves.</summary>
/// <param name="Kind">The webhook.</param>
internal sealed record TwilioWebhookMetadata(TwilioWebhookKind Kind);
