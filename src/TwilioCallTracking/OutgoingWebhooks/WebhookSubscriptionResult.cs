namespace TwilioCallTracking;

/// <summary>What <see cref="WebhookSubscriptionService"/> did with a request.</summary>
public sealed record WebhookSubscriptionResult
{
    /// <summary>What is wrong with the request, by field (camelCase, as in the request); empty when it was saved.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The subscription as stored; <see langword="null"/> when the request was refused or the tenant has no such subscription.</summary>
    public WebhookSubscription? Subscription { get; init; }

    /// <summary>
    /// The signing secret in plain text, only when it was just made (on creation and on rotation): show it to the tenant
    /// once; it cannot be read back.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>Whether the request was saved.</summary>
    public bool Succeeded => Errors.Count == 0 && Subscription is not null;

    // A result that reaches a log must not carry the plain secret there.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Succeeded = ").Append(Succeeded)
            .Append(", Subscription = ").Append(Subscription?.Id)
            .Append(", Secret = ").Append(Secret is null ? "[none]" : "[set]");
        return true;
    }
}
