using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Places outbound calls, answers inbound ones, and applies Twilio's webhooks to the tenant's calls through the
/// lifecycle rules and the store's one atomic change. Safe under retried, duplicated and reordered webhooks, and under
/// concurrent webhooks for one call.
/// </summary>
public class CallTrackingService
{
    private static readonly string[] StatusEvents = ["initiated", "ringing", "answered", "completed"];
    private static readonly string[] RecordingEvents = ["completed", "absent"];

    private readonly ICallStore _calls;
    private readonly ITwilioConfigurationStore _configurations;
    private readonly ITwilioClientFactory _clients;
    private readonly CallerContactMatcher _contacts;
    private readonly TwilioCallTrackingOptions _options;
    private readonly TimeProvider _time;
    private readonly CallTrackingMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public CallTrackingService(
        ICallStore calls,
        ITwilioConfigurationStore configurations,
        ITwilioClientFactory clients,
        CallerContactMatcher contacts,
        IOptions<TwilioCallTrackingOptions> options,
        TimeProvider time,
        CallTrackingMetrics metrics,
        ILogger<CallTrackingService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _calls = calls;
        _configurations = configurations;
        _clients = clients;
        _contacts = contacts;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Places an outbound call: checks the number, stores the call as queued, then asks Twilio (once: creating a call
    /// is not idempotent) to call it with status and recording callbacks pointing at this library.
    /// </summary>
    public virtual async Task<StartCallResult> StartOutboundCallAsync(StartCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TwilioSids.IsE164(request.To))
        {
            return new StartCallResult(null, new StartCallError(
                StartCallErrorKind.InvalidNumber,
                $"'{request.To}' is not a phone number in E.164 format: '+', the country code, then the number, digits only (e.g. +14155550100).",
                Field: "to"));
        }

        var configuration = await _configurations.FindByTenantAsync(request.TenantId, cancellationToken);
        if (configuration is null)
        {
            return new StartCallResult(null, new StartCallError(StartCallErrorKind.NotConfigured, NotConfiguredMessage(request.TenantId)));
        }

        if (CallbackUrls.For(configuration, _options) is not { } urls)
        {
            return new StartCallResult(null, new StartCallError(
                StartCallErrorKind.NotConfigured,
                "No public base URL is configured, so Twilio could not report the call's progress: set TwilioCallTracking:PublicBaseUrl " +
                "(NEXT_PUBLIC_APP_URL in the sample) to the public https address of this app, or the tenant's own base URL under Settings → Twilio."));
        }

        var record = request.Record ?? _options.RecordByDefault;
        var now = _time.GetUtcNow();
        var call = new Call
        {
            Id = Guid.CreateVersion7(now),
            TenantId = request.TenantId,
            From = configuration.PhoneNumber,
            To = request.To,
            Direction = CallDirection.Outbound,
            TwilioDirection = CallDirectionNames.OutboundApi,
            Status = CallStatus.Queued,
            ContactId = request.ContactId,
            UserId = request.UserId,
            CreatedAt = now,
        };
        var requested = NewEvent(call, CallEventTypes.OutboundRequested, JsonPayload.Of(
            ("to", request.To), ("from", configuration.PhoneNumber), ("contactId", request.ContactId?.ToString()), ("userId", request.UserId), ("record", record ? "true" : "false")),
            DeduplicationKeys.Unique(CallEventTypes.OutboundRequested));
        call = (await _calls.CreateAsync(call, requested, cancellationToken)).Call!;

        var createOptions = new CreateCallOptions(new PhoneNumber(request.To), new PhoneNumber(configuration.PhoneNumber))
        {
            Twiml = new Twiml(OutboundTwiml.Connect(configuration, _options)),
            StatusCallback = urls.Status(call.Id),
            StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            StatusCallbackEvent = [.. StatusEvents],
        };
        if (record)
        {
            createOptions.Record = true;
            createOptions.RecordingStatusCallback = urls.Recording(call.Id).AbsoluteUri;
            createOptions.RecordingStatusCallbackMethod = Twilio.Http.HttpMethod.Post;
            createOptions.RecordingStatusCallbackEvent = [.. RecordingEvents];
        }

        CallResource resource;
        try
        {
            var client = _clients.Create(configuration);
            resource = await CallResource.CreateAsync(createOptions, client);
        }
        catch (ApiException ex)
        {
            Log.OutboundCallRejected(_logger, call.Id, call.TenantId, ex.Code, ex.Status, ex.Message);
            _metrics.CallRejected(ex.Code);
            var failed = await RecordFailureAsync(call, ex.Code == 0 ? null : ex.Code, ex.Message, cancellationToken);
            return new StartCallResult(failed, new StartCallError(
                StartCallErrorKind.TwilioRejected, ex.Message, TwilioErrorCode: ex.Code == 0 ? null : ex.Code, TwilioHttpStatus: ex.Status, MoreInfo: ex.MoreInfo));
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException or TwilioException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Log.OutboundCallUnreachable(_logger, ex, call.Id, call.TenantId);
            _metrics.CallRejected(null);
            const string message = "Twilio could not be reached; the call was not retried, because retrying could ring the contact twice.";
            var failed = await RecordFailureAsync(call, null, message, cancellationToken);
            return new StartCallResult(failed, new StartCallError(StartCallErrorKind.TwilioUnavailable, message));
        }

        Log.OutboundCallStarted(_logger, call.Id, call.TenantId, resource.Sid);
        _metrics.CallStarted();
        var accepted = JsonPayload.Of(("sid", resource.Sid), ("status", resource.Status?.ToString()), ("direction", resource.Direction), ("dateCreated", resource.DateCreated?.ToString("O")));
        var stored = await ApplyAsync(call.TenantId, call, c =>
        {
            var next = c.Clone();
            next.TwilioCallSid ??= resource.Sid;
            return (next, NewEvent(c, CallEventTypes.OutboundAccepted, accepted, $"{CallEventTypes.OutboundAccepted}:{resource.Sid}"), CallTransitionKind.Same);
        }, cancellationToken);
        return new StartCallResult(stored.Call ?? call, null);
    }

    /// <summary>
    /// Answers an inbound call to <paramref name="tenantId"/>'s number: stores the call (once, however often Twilio
    /// retries) and returns the TwiML that greets the caller and forwards the call, recorded, to the tenant's phone.
    /// </summary>
    /// <param name="tenantId">The tenant that owns the called number.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="fallbackBaseUrl">The public base URL of the request, used for callbacks when none is configured.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public virtual async Task<WebhookResult> AnswerInboundCallAsync(
        string tenantId, TwilioRequestParameters parameters, Uri? fallbackBaseUrl = null, CancellationToken cancellationToken = default)
    {
        var request = InboundCallRequest.Parse(parameters, out var errors);
        if (request is null)
        {
            return Rejected("answer", tenantId, errors);
        }

        var configuration = await _configurations.FindByTenantAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException(NotConfiguredMessage(tenantId));
        var urls = CallbackUrls.For(configuration, _options, fallbackBaseUrl)
            ?? throw new InvalidOperationException("No public base URL is known for the callbacks: set TwilioCallTracking:PublicBaseUrl.");
        if (configuration.ForwardToNumber is not { Length: > 0 })
        {
            Log.NoForwardNumber(_logger, request.CallSid, tenantId);
        }

        var twiml = InboundTwiml.Forward(request, configuration, _options, urls);
        var match = await _contacts.MatchAsync(configuration, request.From, cancellationToken);
        var now = _time.GetUtcNow();
        var call = new Call
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            TwilioCallSid = request.CallSid,
            From = request.From,
            To = request.To,
            Direction = CallDirection.Inbound,
            TwilioDirection = parameters.GetNonEmpty(TwilioParameterNames.Direction) ?? CallDirectionNames.Inbound,
            Status = CallStatusNames.TryParse(request.CallStatus, out var status) && !status.IsTerminal() ? status : CallStatus.Ringing,
            ContactId = match.ContactId,
            ContactAmbiguous = match.IsAmbiguous,
            CreatedAt = now,
        };
        var created = await _calls.CreateAsync(
            call, NewEvent(call, CallEventTypes.InboundAnswered, parameters.ToJson(), $"{CallEventTypes.InboundAnswered}:{request.CallSid}"), cancellationToken);
        if (!created.Created)
        {
            // Twilio retried the answer webhook: the unique SID decided; same TwiML, nothing stored twice.
            return Duplicate("answer", tenantId, request.CallSid, created.Call) with { Twiml = twiml };
        }

        _metrics.InboundCall();
        _metrics.WebhookApplied("answer");
        Log.InboundCallAnswered(_logger, request.CallSid, tenantId, request.From);
        return new WebhookResult(WebhookOutcome.Applied, created.Call, Twiml: twiml);
    }

    /// <summary>
    /// Applies a call status callback (parent or child leg). A child leg seen for the first time is stored as its own
    /// call under its parent; a callback for a call this library never saw is stored as a new call.
    /// </summary>
    /// <param name="tenantId">The tenant the webhook was resolved to.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="callId">The call id this library put in the callback URL, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public virtual async Task<WebhookResult> ApplyStatusCallbackAsync(
        string tenantId, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        var callback = StatusCallback.Parse(parameters, _time.GetUtcNow(), out var errors);
        if (callback is null)
        {
            return Rejected("status", tenantId, errors);
        }

        var (call, done) = await FindOrCreateAsync(
            "status", tenantId, callback.CallSid, callId, () => CreateFromStatusAsync(tenantId, callback, cancellationToken), cancellationToken);
        if (done is not null)
        {
            return done;
        }

        var result = await ApplyAsync(tenantId, call!, current =>
        {
            var transition = CallLifecycle.ApplyStatus(current, callback.Report);
            var next = transition.Next;
            next.TwilioCallSid ??= callback.CallSid;
            return (next, NewEvent(current, callback.Report.RawStatus, parameters.ToJson(), callback.DeduplicationKey, callback.SequenceNumber), transition.Kind);
        }, cancellationToken);

        switch (result.Kind)
        {
            case CallTransitionKind.Late:
                _metrics.OutOfOrderKept();
                Log.LateCallback(_logger, callback.Report.RawStatus, callback.CallSid, tenantId, result.Call!.Status.ToTwilioString());
                break;
            case CallTransitionKind.Unrecognised:
                Log.UnknownStatus(_logger, callback.Report.RawStatus, callback.CallSid, tenantId);
                break;
        }

        return Report("status", tenantId, callback.CallSid, result);
    }

    /// <summary>Applies a recording status callback to the call it names (the parent leg, for a forwarded call).</summary>
    /// <param name="tenantId">The tenant the webhook was resolved to.</param>
    /// <param name="parameters">What Twilio posted.</param>
    /// <param name="callId">The call id this library put in the callback URL, if any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public virtual async Task<WebhookResult> ApplyRecordingCallbackAsync(
        string tenantId, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        var callback = RecordingCallback.Parse(parameters, out var errors);
        if (callback is null)
        {
            return Rejected("recording", tenantId, errors);
        }

        var (call, done) = await FindOrCreateAsync(
            "recording", tenantId, callback.CallSid, callId, () => CreateFromRecordingAsync(tenantId, callback, cancellationToken), cancellationToken);
        if (done is not null)
        {
            return done;
        }

        var result = await ApplyAsync(tenantId, call!, current =>
        {
            var transition = CallLifecycle.ApplyRecording(current, callback.Report);
            var next = transition.Next;
            next.TwilioCallSid ??= callback.CallSid;
            return (next, NewEvent(current, CallEventTypes.RecordingPrefix + callback.Report.Status, parameters.ToJson(), callback.DeduplicationKey), transition.Kind);
        }, cancellationToken);
        return Report("recording", tenantId, callback.CallSid, result);
    }

    /// <summary>
    /// Applies the <c>&lt;Dial&gt;</c> action callback (the forwarded leg ended) to the inbound call, and returns the
    /// TwiML that ends the call.
    /// </summary>
    public virtual async Task<WebhookResult> ApplyDialActionAsync(
        string tenantId, TwilioRequestParameters parameters, CancellationToken cancellationToken = default)
    {
        var callback = DialActionCallback.Parse(parameters, out var errors);
        if (callback is null)
        {
            return Rejected("dial", tenantId, errors);
        }

        var call = await _calls.FindBySidAsync(tenantId, callback.CallSid, cancellationToken);
        if (call is null)
        {
            return Unknown("dial", tenantId, callback.CallSid) with { Twiml = InboundTwiml.Empty() };
        }

        var result = await ApplyAsync(tenantId, call, current =>
        {
            var next = current.Clone();
            next.DialCallStatus ??= callback.DialCallStatus;
            return (next, NewEvent(current, CallEventTypes.DialCompleted, parameters.ToJson(), callback.DeduplicationKey), CallTransitionKind.Same);
        }, cancellationToken);
        return Report("dial", tenantId, callback.CallSid, result) with { Twiml = InboundTwiml.Empty() };
    }

    /// <summary>
    /// Applies what Twilio's REST API says about a call (reconciliation): status, duration, times and price, through
    /// the lifecycle rules, as a <c>reconciled</c> event. Returns the stored call, or <see langword="null"/> when
    /// nothing changed (a repeat of the same answer adds no event).
    /// </summary>
    internal async Task<Call?> ApplyReconciledCallAsync(Call call, CallResource resource, CancellationToken cancellationToken)
    {
        var rawStatus = resource.Status?.ToString() ?? string.Empty;
        var duration = int.TryParse(resource.Duration, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : (int?)null;
        var price = decimal.TryParse(resource.Price, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
        var endedAt = resource.EndTime is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var startedAt = resource.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var report = new StatusReport
        {
            RawStatus = rawStatus,
            Status = CallStatusNames.TryParse(rawStatus, out var status) ? status : null,
            At = (status.IsTerminal() ? endedAt : startedAt) ?? _time.GetUtcNow(),
            CallDurationSeconds = duration,
            TwilioDirection = resource.Direction,
            ParentCallSid = resource.ParentCallSid,
            From = resource.From,
            To = resource.To,
            Price = price,
            PriceUnit = resource.PriceUnit,
        };
        var data = JsonPayload.Of(
            ("source", "rest"), ("sid", resource.Sid), ("status", rawStatus), ("duration", resource.Duration),
            ("start_time", startedAt?.ToString("O")), ("end_time", endedAt?.ToString("O")), ("price", resource.Price), ("price_unit", resource.PriceUnit),
            ("direction", resource.Direction));
        var key = $"{CallEventTypes.Reconciled}:{resource.Sid}:{rawStatus}:{resource.Duration}:{resource.Price}";
        var result = await ApplyAsync(call.TenantId, call, current =>
        {
            var transition = CallLifecycle.ApplyStatus(current, report);
            return (transition.Next, NewEvent(current, CallEventTypes.Reconciled, data, key), transition.Kind);
        }, cancellationToken);
        if (result.Result == CallChangeResult.Saved && !CallState.AreEqual(call, result.Call))
        {
            _metrics.WebhookApplied("reconciled");
            return result.Call;
        }

        return null;
    }

    /// <summary>Records that Twilio has no such call: error 20404, and a non-terminal call is marked failed.</summary>
    internal async Task ApplyReconciliationNotFoundAsync(Call call, string twilioMessage, CancellationToken cancellationToken)
    {
        var message = $"Twilio has no call {call.TwilioCallSid}: {twilioMessage}";
        var data = JsonPayload.Of(("source", "rest"), ("code", "20404"), ("message", twilioMessage));
        await ApplyAsync(call.TenantId, call, current =>
        {
            var next = CallLifecycle.Fail(current, _time.GetUtcNow(), 20404, message).Next;
            next.ErrorCode ??= 20404;
            next.ErrorMessage ??= message;
            return (next, NewEvent(current, CallEventTypes.Reconciled, data, $"{CallEventTypes.Reconciled}:{call.TwilioCallSid}:not-found"), CallTransitionKind.Same);
        }, cancellationToken);
    }

    /// <summary>Finds one of the tenant's calls.</summary>
    public virtual Task<Call?> FindCallAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        _calls.FindByIdAsync(tenantId, callId, cancellationToken);

    /// <summary>Lists the tenant's calls, newest first.</summary>
    public virtual Task<IReadOnlyList<Call>> ListCallsAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) =>
        _calls.ListAsync(tenantId, query, cancellationToken);

    /// <summary>Lists a call's events (its timeline).</summary>
    public virtual Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        _calls.ListEventsAsync(tenantId, callId, cancellationToken);

    /// <summary>The message for a tenant without Twilio configuration (the seed's troubleshooting #1).</summary>
    public static string NotConfiguredMessage(string tenantId) =>
        $"Twilio is not configured for tenant '{tenantId}': save the account SID, auth token and Twilio number under Settings → Twilio " +
        "(or call TwilioConfigurationService.SaveAsync).";

    /// <summary>
    /// Finds the call a webhook names, or stores it from the webhook with <paramref name="create"/>. Returns the call to
    /// apply the webhook to, or the finished result when the webhook was stored by creating the call (or names another
    /// tenant's call).
    /// </summary>
    private async Task<(Call? Call, WebhookResult? Done)> FindOrCreateAsync(
        string kind, string tenantId, string callSid, Guid? callId, Func<Task<CallCreateResult>> create, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, callSid, callId, cancellationToken) is { } call)
        {
            return (call, null);
        }

        var created = await create();
        if (created.Created)
        {
            _metrics.WebhookApplied(kind);
            return (null, new WebhookResult(WebhookOutcome.Applied, created.Call));
        }

        // Another copy of this webhook stored the call first (it is this tenant's), or the SID is another tenant's.
        return created.Call is { } existing ? (existing, null) : (null, Unknown(kind, tenantId, callSid));
    }

    private async Task<Call?> FindAsync(string tenantId, string callSid, Guid? callId, CancellationToken cancellationToken)
    {
        var call = await _calls.FindBySidAsync(tenantId, callSid, cancellationToken);
        if (call is null && callId is { } id)
        {
            // The callback can beat the REST response that tells us the SID: the id in the URL finds the row.
            call = await _calls.FindByIdAsync(tenantId, id, cancellationToken);
            if (call?.TwilioCallSid is { } known && known != callSid)
            {
                call = null;
            }
        }

        return call;
    }

    private async Task<CallCreateResult> CreateFromStatusAsync(string tenantId, StatusCallback callback, CancellationToken cancellationToken)
    {
        Call? parent = null;
        if (callback.Report.ParentCallSid is { } parentSid)
        {
            parent = await _calls.FindBySidAsync(tenantId, parentSid, cancellationToken);
        }

        var direction = CallDirectionNames.FromTwilio(callback.Report.TwilioDirection);
        var match = parent is null && direction == CallDirection.Inbound
            && await _configurations.FindByTenantAsync(tenantId, cancellationToken) is { } configuration
            ? await _contacts.MatchAsync(configuration, callback.From, cancellationToken)
            : ContactMatch.None;
        var now = _time.GetUtcNow();
        var seed = new Call
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            TwilioCallSid = callback.CallSid,
            ParentCallSid = callback.Report.ParentCallSid,
            From = callback.From,
            To = callback.To,
            Direction = direction,
            TwilioDirection = callback.Report.TwilioDirection,
            Status = CallStatus.Queued,
            ContactId = parent?.ContactId ?? match.ContactId,
            ContactAmbiguous = parent?.ContactAmbiguous ?? match.IsAmbiguous,
            UserId = parent?.UserId,
            CreatedAt = now,
        };
        var transition = CallLifecycle.ApplyStatus(seed, callback.Report);
        return await _calls.CreateAsync(
            transition.Next,
            NewEvent(seed, callback.Report.RawStatus, callback.Parameters.ToJson(), callback.DeduplicationKey, callback.SequenceNumber),
            cancellationToken);
    }

    private async Task<CallCreateResult> CreateFromRecordingAsync(string tenantId, RecordingCallback callback, CancellationToken cancellationToken)
    {
        // The recording arrived before any status callback or answer for its call: keep it on a call whose caller is
        // not known yet. The next status callback fills in the rest, or the reconciliation sweeper asks Twilio at once.
        var now = _time.GetUtcNow();
        var source = callback.Parameters.GetNonEmpty("RecordingSource");
        var seed = new Call
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            TwilioCallSid = callback.CallSid,
            From = string.Empty,
            To = string.Empty,
            Direction = string.Equals(source, "OutboundAPI", StringComparison.OrdinalIgnoreCase) ? CallDirection.Outbound : CallDirection.Inbound,
            Status = CallStatus.Queued,
            CreatedAt = now,
        };
        var next = CallLifecycle.ApplyRecording(seed, callback.Report).Next;
        return await _calls.CreateAsync(
            next, NewEvent(seed, CallEventTypes.RecordingPrefix + callback.Report.Status, callback.Parameters.ToJson(), callback.DeduplicationKey), cancellationToken);
    }

    private async Task<AppliedChange> ApplyAsync(
        string tenantId, Call call, Func<Call, (Call Next, CallEvent Event, CallTransitionKind Kind)> decide, CancellationToken cancellationToken)
    {
        var current = call;
        for (var attempt = 1; ; attempt++)
        {
            var (next, evt, kind) = decide(current);
            var changed = !CallState.AreEqual(current, next);
            var saved = await _calls.SaveChangeAsync(new CallChange(tenantId, current.Id, current.Version, changed ? next : null, evt), cancellationToken);
            switch (saved)
            {
                case CallChangeResult.Saved:
                    if (changed)
                    {
                        next.Version = current.Version + 1;
                    }

                    return new AppliedChange(saved, changed ? next : current, kind);
                case CallChangeResult.Conflict when attempt < _options.MaxConcurrencyRetries:
                    _metrics.ConcurrencyRetry();
                    current = await _calls.FindByIdAsync(tenantId, current.Id, cancellationToken)
                        ?? throw new InvalidOperationException($"Call {current.Id} disappeared while it was being updated.");
                    break;
                case CallChangeResult.Conflict:
                    throw new InvalidOperationException(
                        $"Call {current.Id} kept changing under {attempt} attempts to apply a webhook; raise TwilioCallTracking:MaxConcurrencyRetries.");
                default:
                    return new AppliedChange(saved, current, kind);
            }
        }
    }

    private WebhookResult Report(string kind, string tenantId, string callSid, AppliedChange result)
    {
        switch (result.Result)
        {
            case CallChangeResult.Duplicate:
                return Duplicate(kind, tenantId, callSid, result.Call);
            case CallChangeResult.NotFound:
                return Unknown(kind, tenantId, callSid);
            default:
                _metrics.WebhookApplied(kind);
                return new WebhookResult(result.Kind == CallTransitionKind.Late ? WebhookOutcome.OutOfOrder : WebhookOutcome.Applied, result.Call);
        }
    }

    private async Task<Call> RecordFailureAsync(Call call, int? code, string message, CancellationToken cancellationToken)
    {
        var data = JsonPayload.Of(("code", code?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("message", message));
        var result = await ApplyAsync(call.TenantId, call, current =>
        {
            var transition = CallLifecycle.Fail(current, _time.GetUtcNow(), code, message);
            return (transition.Next, NewEvent(current, CallEventTypes.OutboundRejected, data, DeduplicationKeys.Unique(CallEventTypes.OutboundRejected)), transition.Kind);
        }, CancellationToken.None);
        return result.Call;
    }

    private WebhookResult Duplicate(string kind, string tenantId, string callSid, Call? call)
    {
        _metrics.DuplicateIgnored(kind);
        Log.DuplicateWebhook(_logger, kind, callSid, tenantId);
        return new WebhookResult(WebhookOutcome.Duplicate, call);
    }

    private WebhookResult Rejected(string kind, string tenantId, WebhookValidationErrors errors)
    {
        _metrics.WebhookRejected(kind);
        Log.WebhookRejected(_logger, kind, tenantId, errors.ToString());
        return WebhookResult.Invalid(errors);
    }

    private WebhookResult Unknown(string kind, string tenantId, string callSid)
    {
        Log.UnknownCall(_logger, kind, tenantId, callSid);
        return new WebhookResult(WebhookOutcome.UnknownCall);
    }

    private CallEvent NewEvent(Call call, string type, string data, string deduplicationKey, int? sequenceNumber = null)
    {
        var now = _time.GetUtcNow();
        return new CallEvent
        {
            Id = Guid.CreateVersion7(now),
            CallId = call.Id,
            TenantId = call.TenantId,
            EventType = type,
            EventData = data,
            DeduplicationKey = deduplicationKey,
            SequenceNumber = sequenceNumber,
            CreatedAt = now,
        };
    }

    private sealed record AppliedChange(CallChangeResult Result, Call Call, CallTransitionKind Kind);
}
