namespace TwilioCallTracking;

/// <summary>
/// The tenants whose Twilio credentials Twilio refused (HTTP 401, error 20003) in their latest REST request, and when:
/// a later accepted request clears the tenant. In process memory, at most <see cref="Capacity"/> tenants (beyond it,
/// the oldest refusal is forgotten). Holds tenant ids and times only, never a token.
/// </summary>
/// <param name="time">The clock.</param>
internal sealed class TwilioCredentialFailures(TimeProvider time)
{
    /// <summary>How many tenants are remembered.</summary>
    public const int Capacity = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _refusedAt = new(StringComparer.Ordinal);

    /// <summary>Records that Twilio refused <paramref name="tenantId"/>'s credentials.</summary>
    public void Refused(string tenantId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_refusedAt.Count >= Capacity && !_refusedAt.ContainsKey(tenantId))
            {
                _refusedAt.Remove(_refusedAt.MinBy(entry => entry.Value).Key);
            }

            _refusedAt[tenantId] = now;
        }
    }

    /// <summary>Records that Twilio accepted <paramref name="tenantId"/>'s credentials: they work (again).</summary>
    public void Accepted(string tenantId)
    {
        lock (_gate)
        {
            if (_refusedAt.Count > 0)
            {
                _refusedAt.Remove(tenantId);
            }
        }
    }

    /// <summary>The tenants refused at or after <paramref name="since"/> and not accepted since, in tenant id order.</summary>
    public IReadOnlyList<string> RefusedSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            return [.. _refusedAt.Where(entry => entry.Value >= since).Select(entry => entry.Key).Order(StringComparer.Ordinal)];
        }
    }
}
