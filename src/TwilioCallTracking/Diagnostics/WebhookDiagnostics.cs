namespace TwilioCallTracking;

/// <summary>
/// What a diagnostics page shows about webhooks: when the last one was received (per tenant and overall), the recent
/// signature failures of known tenants with the URL the signature was computed for, and how many requests were refused
/// before they reached any tenant (unsigned, or for no known tenant: only counted). In process memory, newest first,
/// bounded whatever is sent. Never holds an auth token or a signature.
/// </summary>
/// <param name="time">The clock.</param>
public sealed class WebhookDiagnostics(TimeProvider time)
{
    /// <summary>How many signature failures are kept.</summary>
    public const int Capacity = 50;

    /// <summary>How many tenants' last webhook times are kept; beyond it, the tenant heard from longest ago is forgotten.</summary>
    public const int TenantCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastByTenant = new(StringComparer.Ordinal);
    private readonly LinkedList<WebhookSignatureFailure> _failures = new();
    private DateTimeOffset? _lastReceivedAt;
    private long _unsigned;
    private long _unknownTenant;
    private DateTimeOffset? _lastUnattributedAt;

    /// <summary>When the last authenticated webhook was received, for any tenant.</summary>
    public DateTimeOffset? LastWebhookReceivedAt
    {
        get
        {
            lock (_gate)
            {
                return _lastReceivedAt;
            }
        }
    }

    /// <summary>The requests refused before they reached a tenant, since the app started.</summary>
    public UnattributedWebhookRejections UnattributedRejections
    {
        get
        {
            lock (_gate)
            {
                return new UnattributedWebhookRejections(_unsigned, _unknownTenant, _lastUnattributedAt);
            }
        }
    }

    /// <summary>When the last authenticated webhook for <paramref name="tenantId"/> was received.</summary>
    public DateTimeOffset? GetLastWebhookReceivedAt(string tenantId)
    {
        lock (_gate)
        {
            return _lastByTenant.TryGetValue(tenantId, out var at) ? at : null;
        }
    }

    /// <summary>Records that a webhook for <paramref name="tenantId"/> passed signature validation.</summary>
    public void RecordWebhookReceived(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _lastReceivedAt = now;
            if (_lastByTenant.Count >= TenantCapacity && !_lastByTenant.ContainsKey(tenantId))
            {
                _lastByTenant.Remove(_lastByTenant.MinBy(entry => entry.Value).Key);
            }

            _lastByTenant[tenantId] = now;
        }
    }

    /// <summary>Records a webhook of a known tenant refused for its signature.</summary>
    /// <param name="tenantId">The tenant the webhook was resolved to, if any.</param>
    /// <param name="kind">The webhook (answer, status, recording, dial-action).</param>
    /// <param name="reason">Why it was refused (malformed, mismatch, …).</param>
    /// <param name="url">The URL the signature was computed for.</param>
    public void RecordSignatureFailure(string? tenantId, string kind, string reason, string url)
    {
        var failure = new WebhookSignatureFailure(time.GetUtcNow(), tenantId, kind, reason, url);
        lock (_gate)
        {
            _failures.AddFirst(failure);
            if (_failures.Count > Capacity)
            {
                _failures.RemoveLast();
            }
        }
    }

    /// <summary>Counts a request refused because it carried no <c>X-Twilio-Signature</c> (checked before any tenant is looked up).</summary>
    public void RecordUnsignedWebhook() => RecordUnattributed(ref _unsigned);

    /// <summary>Counts a signed request refused because no tenant owns it.</summary>
    public void RecordUnknownTenantWebhook() => RecordUnattributed(ref _unknownTenant);

    /// <summary>The recent signature failures, newest first; only <paramref name="tenantId"/>'s when given.</summary>
    public IReadOnlyList<WebhookSignatureFailure> GetRecentSignatureFailures(string? tenantId = null)
    {
        lock (_gate)
        {
            return [.. _failures.Where(f => tenantId is null || string.Equals(f.TenantId, tenantId, StringComparison.Ordinal))];
        }
    }

    private void RecordUnattributed(ref long count)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            count++;
            _lastUnattributedAt = now;
        }
    }
}
