using Microsoft.Extensions.Options;

namespace TwilioCallTracking;

/// <summary>
/// Manages a tenant's outgoing webhook subscriptions and their delivery log: validates URLs and event types, makes and
/// protects signing secrets, and redelivers on request. Every method names the tenant and never reaches another's data.
/// </summary>
public sealed class WebhookSubscriptionService
{
    /// <summary>The longest description kept.</summary>
    public const int MaxDescriptionLength = 200;

    private readonly IWebhookSubscriptionStore _subscriptions;
    private readonly ICallNotificationStore _notifications;
    private readonly WebhookSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly CallNotificationSignal _signal;
    private readonly bool _allowPrivateNetworkUrls;

    internal WebhookSubscriptionService(
        IWebhookSubscriptionStore subscriptions, ICallNotificationStore notifications, WebhookSecrets secrets, TimeProvider time,
        CallNotificationSignal signal, IOptions<TwilioCallTrackingOptions> options)
    {
        _subscriptions = subscriptions;
        _notifications = notifications;
        _secrets = secrets;
        _time = time;
        _signal = signal;
        _allowPrivateNetworkUrls = options.Value.AllowPrivateNetworkUrls;
    }

    /// <summary>A tenant's subscriptions, oldest first.</summary>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _subscriptions.ListAsync(tenantId, cancellationToken);
    }

    /// <summary>Finds a tenant's subscription.</summary>
    public Task<WebhookSubscription?> FindAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _subscriptions.FindAsync(tenantId, subscriptionId, cancellationToken);
    }

    /// <summary>Creates a subscription with a new secret (returned once, in <see cref="WebhookSubscriptionResult.Secret"/>).</summary>
    public async Task<WebhookSubscriptionResult> CreateAsync(string tenantId, WebhookSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (Validate(request) is { Count: > 0 } errors)
        {
            return new WebhookSubscriptionResult { Errors = errors };
        }

        var now = _time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            Id = id,
            TenantId = tenantId,
            Url = request.Url,
            EventTypes = Normalized(request.EventTypes),
            ProtectedSecret = _secrets.Protect(secret, tenantId, id),
            Enabled = request.Enabled,
            Description = Description(request.Description),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await _subscriptions.SaveAsync(subscription, cancellationToken);
        return new WebhookSubscriptionResult { Subscription = subscription, Secret = secret };
    }

    /// <summary>Changes a subscription's URL, event types, state and description; its secret stays.</summary>
    public async Task<WebhookSubscriptionResult> UpdateAsync(
        string tenantId, Guid subscriptionId, WebhookSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (Validate(request) is { Count: > 0 } errors)
        {
            return new WebhookSubscriptionResult { Errors = errors };
        }

        if (await _subscriptions.FindAsync(tenantId, subscriptionId, cancellationToken) is not { } existing)
        {
            return new WebhookSubscriptionResult();
        }

        var changed = existing with
        {
            Url = request.Url,
            EventTypes = Normalized(request.EventTypes),
            Enabled = request.Enabled,
            Description = Description(request.Description),
            UpdatedAt = _time.GetUtcNow(),
        };
        await _subscriptions.SaveAsync(changed, cancellationToken);
        return new WebhookSubscriptionResult { Subscription = changed };
    }

    /// <summary>
    /// Replaces a subscription's secret with a new one (returned once). Deliveries from then on are signed with the new
    /// secret only, retries of earlier notifications included.
    /// </summary>
    public async Task<WebhookSubscriptionResult> RotateSecretAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (await _subscriptions.FindAsync(tenantId, subscriptionId, cancellationToken) is not { } existing)
        {
            return new WebhookSubscriptionResult();
        }

        var secret = WebhookSignature.NewSecret();
        var changed = existing with { ProtectedSecret = _secrets.Protect(secret, tenantId, subscriptionId), UpdatedAt = _time.GetUtcNow() };
        await _subscriptions.SaveAsync(changed, cancellationToken);
        return new WebhookSubscriptionResult { Subscription = changed, Secret = secret };
    }

    /// <summary>Deletes a subscription; its pending deliveries end as dead ("subscription deleted").</summary>
    public Task<bool> DeleteAsync(string tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _subscriptions.DeleteAsync(tenantId, subscriptionId, cancellationToken);
    }

    /// <summary>The tenant's delivery log, newest first (handlers' deliveries included).</summary>
    public Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string tenantId, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        return _notifications.ListDeliveriesAsync(tenantId, query with { Limit = Math.Clamp(query.Limit, 1, 500) }, cancellationToken);
    }

    /// <summary>
    /// Delivers a notification to a target again, now, whatever its state (a dead delivery gets a full set of attempts
    /// again; a delivered one is sent once more, with the same <c>webhook-id</c>). <see langword="null"/> when the tenant
    /// has no such delivery.
    /// </summary>
    public async Task<NotificationDelivery?> RedeliverAsync(string tenantId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var delivery = await _notifications.RedeliverAsync(tenantId, deliveryId, _time.GetUtcNow(), cancellationToken);
        if (delivery is not null)
        {
            _signal.Notify();
        }

        return delivery;
    }

    private Dictionary<string, string[]> Validate(WebhookSubscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new WebhookValidationErrors();
        if (request.Url is null)
        {
            errors.Add("url", "The URL is required.");
        }
        else if (PublicUrlRules.Problem(request.Url, _allowPrivateNetworkUrls) is { } problem)
        {
            errors.Add("url", $"The URL {problem}.");
        }
        else if (!string.IsNullOrEmpty(request.Url.UserInfo) || !string.IsNullOrEmpty(request.Url.Fragment))
        {
            errors.Add("url", "The URL must not carry a user name, password or fragment: put a token in its path or query instead.");
        }

        foreach (var type in request.EventTypes ?? [])
        {
            if (!CallNotificationTypes.IsKnown(type))
            {
                errors.Add("eventTypes", $"'{type}' is not an event type; use one of {string.Join(", ", CallNotificationTypes.All)}, or none for all.");
            }
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"The description is at most {MaxDescriptionLength} characters.");
        }

        return new Dictionary<string, string[]>(errors.Errors, StringComparer.Ordinal);
    }

    private static string[] Normalized(IReadOnlyList<string>? types) =>
        (types ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static string? Description(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}
