using Microsoft.Extensions.Logging;

namespace TwilioCallTracking;

/// <summary>
/// The library's log messages (source-generated). Auth tokens never appear in them. Every string parameter is a
/// <see cref="LogText"/>: values from requests and from Twilio are written without line breaks or control characters.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Outbound call {CallId} for tenant {TenantId} accepted by Twilio as {CallSid}.")]
    public static partial void OutboundCallStarted(ILogger logger, Guid callId, LogText tenantId, LogText callSid);

    [LoggerMessage(2, LogLevel.Warning, "Twilio refused outbound call {CallId} for tenant {TenantId}: error {TwilioCode} (HTTP {HttpStatus}) {TwilioMessage}")]
    public static partial void OutboundCallRejected(ILogger logger, Guid callId, LogText tenantId, int? twilioCode, int? httpStatus, LogText twilioMessage);

    [LoggerMessage(3, LogLevel.Error, "Twilio could not be reached for outbound call {CallId} of tenant {TenantId}; the call is marked failed and is not retried (creating a call is not idempotent).")]
    public static partial void OutboundCallUnreachable(ILogger logger, Exception exception, Guid callId, LogText tenantId);

    [LoggerMessage(30, LogLevel.Warning, "The request to create outbound call {CallId} of tenant {TenantId} got no answer; Twilio may have placed it. It stays queued until a callback or the reconciliation sweeper settles it, and is not retried.")]
    public static partial void OutboundCallOutcomeUnknown(ILogger logger, Exception exception, Guid callId, LogText tenantId);

    [LoggerMessage(33, LogLevel.Warning, "Outbound call {CallId} of tenant {TenantId} was placed by Twilio as {CallSid}, but the store could not record the SID now; its first status callback will.")]
    public static partial void OutboundCallSidNotStored(ILogger logger, Exception exception, Guid callId, LogText tenantId, LogText callSid);

    [LoggerMessage(31, LogLevel.Information, "Unconfirmed outbound call {CallId} of tenant {TenantId} found at Twilio as {CallSid}.")]
    public static partial void UnconfirmedCallFound(ILogger logger, Guid callId, LogText tenantId, LogText callSid);

    [LoggerMessage(32, LogLevel.Warning, "Unconfirmed outbound call {CallId} of tenant {TenantId}: Twilio has no such call; it is marked failed.")]
    public static partial void UnconfirmedCallMissing(ILogger logger, Guid callId, LogText tenantId);

    [LoggerMessage(4, LogLevel.Information, "Inbound call {CallSid} for tenant {TenantId} from {From} forwarded.")]
    public static partial void InboundCallAnswered(ILogger logger, LogText callSid, LogText tenantId, LogText from);

    [LoggerMessage(5, LogLevel.Debug, "Duplicate {Kind} webhook for call {CallSid} (tenant {TenantId}) ignored.")]
    public static partial void DuplicateWebhook(ILogger logger, LogText kind, LogText callSid, LogText tenantId);

    [LoggerMessage(6, LogLevel.Information, "Late '{Status}' callback for call {CallSid} (tenant {TenantId}) logged; the call stays '{Current}'.")]
    public static partial void LateCallback(ILogger logger, LogText status, LogText callSid, LogText tenantId, LogText current);

    [LoggerMessage(7, LogLevel.Warning, "Call status '{Status}' for call {CallSid} (tenant {TenantId}) is not one Twilio documents; logged as an event, the call is unchanged.")]
    public static partial void UnknownStatus(ILogger logger, LogText status, LogText callSid, LogText tenantId);

    [LoggerMessage(8, LogLevel.Warning, "Rejected {Kind} webhook for tenant {TenantId}: {Errors}")]
    public static partial void WebhookRejected(ILogger logger, LogText kind, LogText tenantId, LogText errors);

    [LoggerMessage(9, LogLevel.Warning, "{Kind} webhook for tenant {TenantId} names call {CallSid}, which is not known; nothing was written.")]
    public static partial void UnknownCall(ILogger logger, LogText kind, LogText tenantId, LogText callSid);

    [LoggerMessage(10, LogLevel.Warning, "Inbound call {CallSid} reached tenant {TenantId}, which has no forward-to number: the caller hears the unavailable message.")]
    public static partial void NoForwardNumber(ILogger logger, LogText callSid, LogText tenantId);

    [LoggerMessage(11, LogLevel.Warning, "Twilio has no call {CallSid} (call {CallId}, tenant {TenantId}); it is marked with error 20404 and no longer reconciled.")]
    public static partial void ReconciliationNotFound(ILogger logger, Guid callId, LogText callSid, LogText tenantId);

    [LoggerMessage(12, LogLevel.Information, "Reconciling call {CallId} of tenant {TenantId} deferred: Twilio error {TwilioCode}: {Reason}")]
    public static partial void ReconciliationDeferred(ILogger logger, Guid callId, LogText tenantId, int? twilioCode, LogText reason);

    [LoggerMessage(13, LogLevel.Warning, "The reconciliation lease on call {CallId} expired before it was released; another worker owns it now.")]
    public static partial void ReconciliationLeaseLost(ILogger logger, Guid callId);

    [LoggerMessage(14, LogLevel.Error, "A reconciliation sweep failed; the next one runs at the next interval.")]
    public static partial void ReconciliationSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Information, "Reconciliation sweep: {Claimed} claimed, {Updated} updated, {NotFound} not found, {Deferred} deferred.")]
    public static partial void ReconciliationSwept(ILogger logger, int claimed, int updated, int notFound, int deferred);

    [LoggerMessage(16, LogLevel.Error, "Reconciling call {CallId} (tenant {TenantId}) failed; it is retried after the backoff, the sweep goes on.")]
    public static partial void ReconciliationCallFailed(ILogger logger, Exception exception, Guid callId, LogText tenantId);

    [LoggerMessage(17, LogLevel.Information,
        "Auth tokens checked at start: {Rewritten} protected again for their tenant and account with the current key, {Current} already current, " +
        "{ChangedMeanwhile} saved meanwhile, {Unreadable} unreadable.")]
    public static partial void AuthTokensUpgraded(ILogger logger, int rewritten, int current, int changedMeanwhile, int unreadable);

    [LoggerMessage(18, LogLevel.Error,
        "The auth token of tenant {TenantId} cannot be opened: {Reason} Its webhooks are refused (403) and its calls to Twilio fail " +
        "until its Twilio settings are saved again with the auth token.")]
    public static partial void AuthTokenUnreadable(ILogger logger, LogText tenantId, LogText reason);

    [LoggerMessage(19, LogLevel.Warning,
        "The stored auth tokens could not be read while the host was starting; the upgrade runs again when call tracking's hosted services start " +
        "(an app that migrates its database in a hosted service of its own must register it before AddTwilioCallTracking).")]
    public static partial void AuthTokenUpgradeDeferred(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Error,
        "The stored auth tokens could not be upgraded at start; the app starts anyway. Tokens stored by an earlier version (v1) or under a key of " +
        "PreviousEncryptionKeys that were not reached stay refused (403) until a later start upgrades them: fix the cause and restart.")]
    public static partial void AuthTokenUpgradeFailed(ILogger logger, Exception exception);

    [LoggerMessage(34, LogLevel.Error, "A notification pass failed; the dispatcher tries again at its next poll.")]
    public static partial void NotificationPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(35, LogLevel.Warning, "Notification handler {Target} failed on notification {NotificationId}; it is retried after a backoff.")]
    public static partial void NotificationHandlerFailed(ILogger logger, Exception exception, Guid notificationId, LogText target);

    [LoggerMessage(36, LogLevel.Error, "Notification {NotificationId} ({Type}) was given up for {Target} after its last attempt: {Error} Redeliver it once the cause is fixed.")]
    public static partial void NotificationDeliveryDead(ILogger logger, Guid notificationId, LogText type, LogText target, LogText error);

    [LoggerMessage(37, LogLevel.Warning, "The lease on delivery {DeliveryId} to {Target} had expired before its attempt was recorded; another process owns it now.")]
    public static partial void NotificationLeaseLost(ILogger logger, Guid deliveryId, LogText target);

    [LoggerMessage(38, LogLevel.Warning, "The attempt on delivery {DeliveryId} could not be recorded; it is attempted again when its lease expires.")]
    public static partial void NotificationCompletionFailed(ILogger logger, Exception exception, Guid deliveryId);
}
