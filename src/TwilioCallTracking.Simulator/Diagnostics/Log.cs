using Microsoft.Extensions.Logging;

namespace TwilioCallTracking.Simulator.Diagnostics;

/// <summary>The simulator's log messages (source-generated). Auth tokens never appear in them.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Simulated call {CallSid} ({Direction}) from {From} to {To} created.")]
    public static partial void CallCreated(ILogger logger, string callSid, string direction, string from, string to);

    [LoggerMessage(102, LogLevel.Information, "Simulated call {CallSid} ended {Status} after {DurationSeconds} s.")]
    public static partial void CallEnded(ILogger logger, string callSid, string status, int durationSeconds);

    [LoggerMessage(103, LogLevel.Debug, "{Kind} webhook for {CallSid} to {Url}: HTTP {Status} (attempt {Attempt}).")]
    public static partial void WebhookSent(ILogger logger, WebhookKind kind, string callSid, string url, int? status, int attempt);

    [LoggerMessage(104, LogLevel.Warning, "{Kind} webhook for {CallSid} to {Url} failed (attempt {Attempt}): {Error}")]
    public static partial void WebhookFailed(ILogger logger, WebhookKind kind, string callSid, string url, int attempt, string error);

    [LoggerMessage(105, LogLevel.Warning, "Call {CallSid}: the TwiML from {Url} could not be used ({Error}); the caller hears an application error and the call ends.")]
    public static partial void TwimlUnusable(ILogger logger, string callSid, string url, string error);

    [LoggerMessage(106, LogLevel.Information, "Call {CallSid}: TwiML verb <{Verb}> is not simulated and was skipped.")]
    public static partial void VerbSkipped(ILogger logger, string callSid, string verb);

    [LoggerMessage(107, LogLevel.Warning, "Call {CallSid}: StatusCallbackEvent '{Event}' is not one Twilio knows (send each event as its own form field); no callback will be sent for it.")]
    public static partial void UnknownStatusEvent(ILogger logger, string callSid, string @event);

    [LoggerMessage(108, LogLevel.Error, "Simulated call {CallSid} stopped unexpectedly.")]
    public static partial void CallCrashed(ILogger logger, Exception exception, string callSid);

    [LoggerMessage(109, LogLevel.Information, "REST request {Method} {Path} refused: error {Code} (HTTP {Status}).")]
    public static partial void ApiRequestRefused(ILogger logger, string method, string path, int code, int status);
}
