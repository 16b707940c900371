namespace TwilioCallTracking;

/// <summary>
/// Where a notification is delivered: an in-process handler (by its type's full name) or an outgoing webhook
/// subscription (by its id). Stored as <see cref="Value"/>: <c>handler:Full.Type.Name</c> or <c>webhook:{id:N}</c>.
/// </summary>
public readonly record struct NotificationTarget
{
    private const string HandlerPrefix = "handler:";
    private const string WebhookPrefix = "webhook:";

    private NotificationTarget(string value) => Value = value;

    /// <summary>The stored form.</summary>
    public string Value { get; }

    /// <summary>Whether this is an in-process handler.</summary>
    public bool IsHandler => Value?.StartsWith(HandlerPrefix, StringComparison.Ordinal) == true;

    /// <summary>The handler's type name, for a handler target.</summary>
    public string? HandlerName => IsHandler ? Value[HandlerPrefix.Length..] : null;

    /// <summary>The subscription's id, for a webhook target.</summary>
    public Guid? SubscriptionId =>
        Value?.StartsWith(WebhookPrefix, StringComparison.Ordinal) == true && Guid.TryParseExact(Value.AsSpan(WebhookPrefix.Length), "N", out var id) ? id : null;

    /// <summary>The target of handlers of <paramref name="handlerType"/>.</summary>
    public static NotificationTarget Handler(Type handlerType)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        return new(HandlerPrefix + (handlerType.FullName ?? handlerType.Name));
    }

    /// <summary>The target of the outgoing webhook subscription <paramref name="subscriptionId"/>.</summary>
    public static NotificationTarget Webhook(Guid subscriptionId) => new(WebhookPrefix + subscriptionId.ToString("N"));

    /// <summary>Reads a stored <see cref="Value"/>.</summary>
    /// <exception cref="FormatException"><paramref name="value"/> is neither form.</exception>
    public static NotificationTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var target = new NotificationTarget(value);
        return target.HandlerName is { Length: > 0 } || target.SubscriptionId is not null
            ? target
            : throw new FormatException($"'{value}' is not a notification target (handler:Type.Name or webhook:{{id:N}}).");
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
