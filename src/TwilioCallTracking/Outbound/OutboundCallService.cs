using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace TwilioCallTracking;

/// <summary>
/// Places outbound (click-to-call) calls: checks the number, stores the call as queued, then asks Twilio once to call
/// it, with status and recording callbacks pointing at this library. Creating a call is not idempotent, so a create is
/// never retried: a retry could ring the contact twice.
/// </summary>
public sealed class OutboundCallService
{
    private static readonly string[] StatusEvents = ["initiated", "ringing", "answered", "completed"];
    private static readonly string[] RecordingEvents = ["completed", "absent"];

    private readonly CallChanges _changes;
    private readonly TwilioConfigurationService _configurations;
    private readonly ITwilioClientFactory _clients;
    private readonly TwilioCallTrackingOptions _options;
    private readonly CallTrackingMetrics _metrics;
    private readonly ILogger _logger;

    internal OutboundCallService(
        CallChanges changes,
        TwilioConfigurationService configurations,
        ITwilioClientFactory clients,
        IOptions<TwilioCallTrackingOptions> options,
        CallTrackingMetrics metrics,
        ILogger<OutboundCallService> logger)
    {
        _changes = changes;
        _configurations = configurations;
        _clients = clients;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Places the call. Nothing is written when the number or the tenant's configuration is not usable.</summary>
    public async Task<StartCallResult> StartAsync(StartCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TwilioSids.IsE164(request.To))
        {
            return new StartCallResult(null, new StartCallError(
                StartCallErrorKind.InvalidNumber,
                $"'{request.To}' is not a phone number in E.164 format: '+', the country code, then the number, digits only (e.g. +14155550100).",
                Field: "to"));
        }

        var configuration = await _configurations.FindAsync(request.TenantId, cancellationToken);
        if (configuration is null)
        {
            return new StartCallResult(null, new StartCallError(StartCallErrorKind.NotConfigured, TwilioConfigurationService.NotConfiguredMessage(request.TenantId)));
        }

        if (CallbackUrls.For(configuration, _options) is not { } urls)
        {
            return new StartCallResult(null, new StartCallError(
                StartCallErrorKind.NotConfigured,
                "No public base URL is configured, so Twilio could not report the call's progress: set TwilioCallTracking:PublicBaseUrl " +
                "to the public https address of this app, or save the tenant's own PublicBaseUrl with TwilioConfigurationService.SaveAsync."));
        }

        var record = request.Record ?? _options.RecordByDefault;
        var call = _changes.NewCall(request.TenantId, configuration.PhoneNumber, request.To, CallDirection.Outbound, CallStatus.Queued);
        call.TwilioDirection = CallDirectionNames.OutboundApi;
        call.ContactId = request.ContactId;
        call.UserId = request.UserId;
        var requested = _changes.NewEvent(call, CallEventTypes.OutboundRequested, JsonPayload.Of(
            ("to", request.To), ("from", configuration.PhoneNumber), ("contactId", request.ContactId?.ToString()), ("userId", request.UserId), ("record", record ? "true" : "false")),
            DeduplicationKeys.Unique(CallEventTypes.OutboundRequested));
        var created = await _changes.ApplyAsync(new CallChange
        {
            TenantId = call.TenantId,
            CallId = call.Id,
            Decide = (existing, _) => existing is null ? new CallDecision(call, requested) : CallDecision.None,
        }, cancellationToken);
        call = created.Call ?? throw new InvalidOperationException($"Call {call.Id} could not be stored.");

        CallResource resource;
        try
        {
            resource = await CallResource.CreateAsync(CreateOptions(request.To, configuration, urls, call.Id, record), _clients.Create(configuration));
        }
        catch (ApiException ex)
        {
            var code = ex.Code == 0 ? (int?)null : ex.Code;
            Log.OutboundCallRejected(_logger, call.Id, call.TenantId, code, ex.Status, ex.Message);
            _metrics.CallRejected(code);
            var failed = await RecordFailureAsync(call, code, ex.Message);
            return new StartCallResult(failed, new StartCallError(
                StartCallErrorKind.TwilioRejected, ex.Message, TwilioErrorCode: code, TwilioHttpStatus: ex.Status, MoreInfo: ex.MoreInfo));
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException or TwilioException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Log.OutboundCallUnreachable(_logger, ex, call.Id, call.TenantId);
            _metrics.CallRejected(null);
            const string message = "Twilio could not be reached; the call was not retried, because retrying could ring the contact twice.";
            var failed = await RecordFailureAsync(call, null, message);
            return new StartCallResult(failed, new StartCallError(StartCallErrorKind.TwilioUnavailable, message));
        }

        Log.OutboundCallStarted(_logger, call.Id, call.TenantId, resource.Sid);
        _metrics.CallStarted();
        var accepted = JsonPayload.Of(("sid", resource.Sid), ("status", resource.Status?.ToString()), ("direction", resource.Direction), ("dateCreated", resource.DateCreated?.ToString("O")));
        var stored = await _changes.ApplyToExistingAsync(call.TenantId, null, call.Id, current => new CallDecision(
            current with { TwilioCallSid = current.TwilioCallSid ?? resource.Sid },
            _changes.NewEvent(current, CallEventTypes.OutboundAccepted, accepted, $"{CallEventTypes.OutboundAccepted}:{resource.Sid}")), CancellationToken.None);
        return new StartCallResult(stored.Call ?? call, null);
    }

    private CreateCallOptions CreateOptions(string to, TwilioConfiguration configuration, CallbackUrls urls, Guid callId, bool record)
    {
        var options = new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(configuration.PhoneNumber))
        {
            Twiml = new Twiml(OutboundTwiml.Connect(configuration, _options)),
            StatusCallback = urls.Status(callId),
            StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            StatusCallbackEvent = [.. StatusEvents],
        };
        if (record)
        {
            options.Record = true;
            options.RecordingStatusCallback = urls.Recording(callId).AbsoluteUri;
            options.RecordingStatusCallbackMethod = Twilio.Http.HttpMethod.Post;
            options.RecordingStatusCallbackEvent = [.. RecordingEvents];
        }

        return options;
    }

    private async Task<Call> RecordFailureAsync(Call call, int? code, string message)
    {
        var data = JsonPayload.Of(("code", code?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("message", message));
        var result = await _changes.ApplyToExistingAsync(call.TenantId, null, call.Id, current => new CallDecision(
            CallLifecycle.Fail(current, _changes.Time.GetUtcNow(), code, message).Next,
            _changes.NewEvent(current, CallEventTypes.OutboundRejected, data, DeduplicationKeys.Unique(CallEventTypes.OutboundRejected))), CancellationToken.None);
        return result.Call ?? call;
    }
}
