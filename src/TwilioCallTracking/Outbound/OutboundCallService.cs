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
    private readonly IContactLookup _contacts;

    internal OutboundCallService(
        CallChanges changes,
        TwilioConfigurationService configurations,
        ITwilioClientFactory clients,
        IOptions<TwilioCallTrackingOptions> options,
        CallTrackingMetrics metrics,
        ILogger<OutboundCallService> logger,
        IContactLookup contacts)
    {
        _contacts = contacts;
        _changes = changes;
        _configurations = configurations;
        _clients = clients;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Places the call. Nothing is written when the number, the contact (not the tenant's, as the host's
    /// <see cref="IContactLookup"/> says) or the tenant's configuration is not usable.
    /// </summary>
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

        if (request.ContactId is { } contactId && !await _contacts.ContactExistsAsync(request.TenantId, contactId, cancellationToken))
        {
            return new StartCallResult(null, new StartCallError(
                StartCallErrorKind.UnknownContact,
                $"The tenant has no contact {contactId}: link the call to one of the tenant's own contacts, or to none.",
                Field: "contactId"));
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
                "(or the NEXT_PUBLIC_APP_URL environment variable) to the public https address of this app, or save the tenant's own " +
                "PublicBaseUrl with TwilioConfigurationService.SaveAsync."));
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
        catch (Exception ex) when (TwilioFaults.IsFault(ex))
        {
            // Whatever happened, the create is never retried: a retry could ring the contact twice.
            switch (TwilioFaults.ClassifyCreate(ex))
            {
                case CreateCallFailure.Refused:
                    var api = (ApiException)ex;
                    var code = api.Code == 0 ? (int?)null : api.Code;
                    Log.OutboundCallRejected(_logger, call.Id, call.TenantId, code, api.Status, api.Message);
                    _metrics.CallRejected(code);
                    return new StartCallResult(await RecordFailureAsync(call, code, api.Message), new StartCallError(
                        StartCallErrorKind.TwilioRejected, api.Message, TwilioErrorCode: code, TwilioHttpStatus: api.Status, MoreInfo: api.MoreInfo));
                case CreateCallFailure.NotSent:
                    cancellationToken.ThrowIfCancellationRequested();
                    Log.OutboundCallUnreachable(_logger, ex, call.Id, call.TenantId);
                    _metrics.CallRejected(null);
                    const string unreachable = "Twilio could not be reached (the request was never sent), so the call was not placed. Try again when Twilio is reachable.";
                    return new StartCallResult(await RecordFailureAsync(call, null, unreachable), new StartCallError(StartCallErrorKind.TwilioUnavailable, unreachable));
                default:
                    Log.OutboundCallOutcomeUnknown(_logger, ex, call.Id, call.TenantId);
                    _metrics.CallOutcomeUnknown();
                    var unknown = await RecordOutcomeUnknownAsync(call, ex);
                    return new StartCallResult(unknown, new StartCallError(
                        StartCallErrorKind.TwilioOutcomeUnknown,
                        "Twilio did not answer the request to place the call, so it may or may not be ringing. It was not retried (that could ring " +
                        "the contact twice): the call stays queued until Twilio reports it, or is marked failed if Twilio turns out to have no such call.",
                        TwilioHttpStatus: (ex as ApiException)?.Status is > 0 and var status ? status : null));
            }
        }

        Log.OutboundCallStarted(_logger, call.Id, call.TenantId, resource.Sid);
        _metrics.CallStarted();
        var accepted = JsonPayload.Of(("sid", resource.Sid), ("status", resource.Status?.ToString()), ("direction", resource.Direction), ("dateCreated", resource.DateCreated?.ToString("O")));
        try
        {
            var stored = await _changes.ApplyToExistingAsync(call.TenantId, null, call.Id, current => new CallDecision(
                current with { TwilioCallSid = current.TwilioCallSid ?? resource.Sid },
                _changes.NewEvent(current, CallEventTypes.OutboundAccepted, accepted, $"{CallEventTypes.OutboundAccepted}:{resource.Sid}")), CancellationToken.None);
            return new StartCallResult(stored.Call ?? call, null);
        }
        catch (StoreUnavailableException ex)
        {
            // Twilio placed the call: an error now would invite a retry that rings the contact twice. The call's first
            // status callback carries its id and attaches the SID, as after a create whose answer was lost.
            Log.OutboundCallSidNotStored(_logger, ex, call.Id, call.TenantId, resource.Sid);
            return new StartCallResult(call with { TwilioCallSid = resource.Sid }, null);
        }
    }

    private CreateCallOptions CreateOptions(string to, TwilioConfiguration configuration, CallbackUrls urls, Guid callId, bool record)
    {
        var options = new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(configuration.PhoneNumber))
        {
            Twiml = new Twiml(OutboundTwiml.Connect(configuration, _options, record)),
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

    private async Task<Call> RecordOutcomeUnknownAsync(Call call, Exception exception)
    {
        var data = JsonPayload.Of(("reason", exception.GetType().Name), ("message", exception.Message), ("status", (exception as ApiException)?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var result = await _changes.ApplyToExistingAsync(call.TenantId, null, call.Id, current => new CallDecision(
            current with { },
            _changes.NewEvent(current, CallEventTypes.OutboundOutcomeUnknown, data, DeduplicationKeys.Unique(CallEventTypes.OutboundOutcomeUnknown))), CancellationToken.None);
        return result.Call ?? call;
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
