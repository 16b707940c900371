namespace TwilioCallTracking;

/// <summary>
/// What a diagnostics page shows about webhooks: when the last one was received (per tenant and overall) and the
/// recent signature failures with the URL the signature was computed for. In process memory, newest first, bounded.
/// Never holds an auth token or a signature.
/// </summary>
/// <param name="time">The clock.</param>
public sealed class WebhookDiagnostics(TimeProvider time)
{
    /// <summary>How many signature failures are kept.</summary>
    public const int Capacity = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastByTenant = new(StringComparer.Ordinal);
    private readonly LinkedList<WebhookSignatureFailure> _failures = new();
    private DateTimeOffset? _lastReceivedAt;

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
            _lastByTenant[tenantId] = now;
        }
    }

    /// <summary>Records a webhook refused for its signature.</summary>
    /// <param name="tenantId">The tenant the webhook was resolved to, if any.</param>
    /// <param name="kind">The webhook (answer, status, recording, dial-action).</param>
    /// <param name="reason">Why it was refused (missing, malformed, mismatch, …).</param>
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

    /// <summary>The recent signature failures, newest first; only <paramref name="tenantId"/>'s when given.</summary>
    public IReadOnlyList<WebhookSignatureFailure> GetRecentSignatureFailures(string? tenantId = null)
    {
        lock (_gate)
        {
            return [.. _failures.Where(f => tenantId is null || string.Equals(f.TenantId, tenantId, StringComparison.Ordinal))];
        }
    }
}

/// <summary>A webhook refused for its <c>X-Twilio-Signature</c>.</summary>
/// <param name="At">When it was refused (UTC).</param>
/// <param name="TenantId">The tenant it was resolved to, if any.</param>
/// <param name="Kind">The webhook (answer, status, recording, dial-action).</param>
/// <param name="Reason">Why: missing, malformed, mismatch, body-hash-mismatch.</param>
/// <param name="Url">The URL the signature was computed for: compare it with the URL configured at Twilio.</param>
public sealed record WebhookSignatureFailure(DateTimeOffset At, string? TenantId, string Kind, string Reason, string Url);
