namespace TwilioCallTracking;

/// <summary>
/// Something that happened to a call, told to the host: to its <see cref="ICallNotificationHandler"/>s and to the
/// tenant's outgoing webhook subscriptions. Written to the outbox in the same transaction as the call change it comes
/// from, then delivered at least once to each of them.
/// </summary>
/// <remarks>
/// A notification is immutable once stored: its <see cref="Id"/> is stable across redeliveries, so a receiver can
/// ignore one it has seen already.
/// </remarks>
public sealed record CallNotification
{
    /// <summary>The notification's stable id (a version 7 GUID, ordered by the time it was stored).</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant that owns the call.</summary>
    public required string TenantId { get; init; }

    /// <summary>The call the notification is about (the leg that changed: see <see cref="CallNotificationData.ParentCallSid"/>).</summary>
    public required Guid CallId { get; init; }

    /// <summary>What happened: one of <see cref="CallNotificationTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>When the change that raised it was stored.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The version of <see cref="Data"/>'s shape; <see cref="CallNotificationData.CurrentVersion"/> for what this library writes now.</summary>
    public required int DataVersion { get; init; }

    /// <summary>
    /// The call as it was right after the change, as a JSON object of the shape <see cref="DataVersion"/> names: what outgoing
    /// webhooks send as <c>data</c>. Read it typed with <see cref="GetData"/>.
    /// </summary>
    public required string Data { get; init; }

    /// <summary>Reads <see cref="Data"/> as the call's state right after the change.</summary>
    /// <exception cref="NotSupportedException">The data has a version this library does not read.</exception>
    public CallNotificationData GetData() => CallNotificationData.Parse(DataVersion, Data);
}
