using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The call API for the CRM: start a call, list the tenant's calls, read one call with its events. The tenant comes
/// from <see cref="ITenantResolver"/>, never from the request, so a user only ever sees their own tenant's calls.
/// Every error is a ProblemDetails.
/// </summary>
/// <param name="prefix">The group's prefix, for the <c>Location</c> of a started call.</param>
/// <param name="options">The API's options.</param>
internal sealed class CallApiEndpoints(string prefix, CallTrackingApiOptions options)
{
    private readonly ApiTenantResolution _tenants = new(options, "call API");

    /// <summary><c>POST /initiate</c>: places an outbound call.</summary>
    public async Task<Results<Created<InitiateCallResponse>, ValidationProblem, ProblemHttpResult>> InitiateAsync(
        HttpContext http, [FromServices] OutboundCallService calls)
    {
        if (await _tenants.ResolveAsync(http) is not { } user)
        {
            return _tenants.NoTenant(http);
        }

        var body = await JsonRequestBody<InitiateCallRequest>.ReadAsync(http, "call", "{\"to\": \"+14155550100\", \"contactId\": \"…\", \"record\": true}");
        if (body.NotJson is { } notJson)
        {
            return notJson;
        }

        if (body.Malformed is { } malformed)
        {
            return malformed;
        }

        if (body.Value?.To is not { Length: > 0 } to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["The number to call is required, in E.164 (e.g. +14155550100)."] });
        }

        var result = await calls.StartAsync(
            new StartCallRequest { TenantId = user.TenantId, UserId = user.UserId, To = to, ContactId = body.Value.ContactId, Record = body.Value.Record },
            http.RequestAborted);
        if (result.Error is { } error)
        {
            return StartFailed(error, result.Call);
        }

        var call = result.Call!;
        return TypedResults.Created(
            $"{http.Request.PathBase}{prefix}/{call.Id}",
            new InitiateCallResponse(true, call.TwilioCallSid ?? string.Empty, call.Status.ToTwilioString(), call.Id));
    }

    /// <summary>
    /// <c>GET /</c>: the tenant's calls, newest first. Query: <c>cursor</c> (from the previous page), <c>pageSize</c>
    /// (1–200, default 50), <c>contactId</c>, <c>direction</c> (inbound, outbound), <c>status</c> (Twilio's strings),
    /// <c>includeChildLegs</c> (the forwarded legs of inbound calls; default false).
    /// </summary>
    public async Task<Results<Ok<CallListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, [FromServices] TracedCallStore calls)
    {
        if (await _tenants.ResolveAsync(http) is not { } user)
        {
            return _tenants.NoTenant(http);
        }

        if (ReadQuery(http.Request.Query, out var errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await calls.ListAsync(user.TenantId, query, http.RequestAborted);
        var next = page.Count == query.EffectivePageSize ? CallListCursor.Encode(CallCursor.After(page[^1])) : null;
        return TypedResults.Ok(new CallListResponse([.. page.Select(CallResponse.Create)], next));
    }

    /// <summary><c>GET /{id}</c>: one of the tenant's calls with its events; 404 for another tenant's call.</summary>
    public async Task<Results<Ok<CallDetailsResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, [FromServices] TracedCallStore calls)
    {
        if (await _tenants.ResolveAsync(http) is not { } user)
        {
            return _tenants.NoTenant(http);
        }

        if (await calls.FindByIdAsync(user.TenantId, id, http.RequestAborted) is not { } call)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Call not found", detail: $"The tenant has no call {id}.");
        }

        var events = await calls.ListEventsAsync(user.TenantId, id, http.RequestAborted);
        return TypedResults.Ok(new CallDetailsResponse(CallResponse.Create(call), [.. events.Select(CallEventResponse.Create)]));
    }

    /// <summary><c>GET /{id}/recording</c>: the call's recording, streamed from Twilio (see <see cref="RecordingEndpoint"/>).</summary>
    public async Task<IResult> GetRecordingAsync(
        Guid id,
        HttpContext http,
        [FromServices] TracedCallStore calls,
        [FromServices] TwilioConfigurationService configurations,
        [FromServices] RecordingMediaClient media) =>
        await _tenants.ResolveAsync(http) is { } user ? await RecordingEndpoint.GetAsync(id, http, user, calls, configurations, media) : _tenants.NoTenant(http);

    private static Results<Created<InitiateCallResponse>, ValidationProblem, ProblemHttpResult> StartFailed(StartCallError error, Call? call)
    {
        switch (error.Kind)
        {
            case StartCallErrorKind.InvalidNumber or StartCallErrorKind.UnknownContact:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error.Field ?? "to"] = [error.Message] });
            case StartCallErrorKind.NotConfigured:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Twilio is not configured for this tenant", detail: error.Message);
            case StartCallErrorKind.TwilioRejected:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status502BadGateway,
                    title: "Twilio refused the call",
                    detail: error.Message,
                    extensions: new Dictionary<string, object?>
                    {
                        ["twilioCode"] = error.TwilioErrorCode,
                        ["twilioMessage"] = error.Message,
                        ["moreInfo"] = error.MoreInfo,
                        ["callId"] = call?.Id,
                    });
            case StartCallErrorKind.TwilioOutcomeUnknown:
                // Not a failure yet: the call may be ringing. Its callbacks (or the sweeper) will settle it; never retry.
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status504GatewayTimeout,
                    title: "Twilio did not answer in time; the call may have been placed",
                    detail: error.Message,
                    extensions: new Dictionary<string, object?> { ["callId"] = call?.Id, ["outcome"] = "unknown" });
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Twilio could not be reached",
                    detail: error.Message,
                    extensions: new Dictionary<string, object?> { ["callId"] = call?.Id });
        }
    }

    private static CallQuery? ReadQuery(IQueryCollection values, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>();
        errors = problems;
        var query = new CallQuery();
        if (values["cursor"].ToString() is { Length: > 0 } cursor)
        {
            query = CallListCursor.TryDecode(cursor, out var before) ? query with { Before = before } : Fail("cursor", "Pass the nextCursor of the previous page as it was returned.");
        }

        if (values["pageSize"].ToString() is { Length: > 0 } size)
        {
            query = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) && pageSize is >= 1 and <= CallQuery.MaxPageSize
                ? query with { PageSize = pageSize }
                : Fail("pageSize", $"The page size is a number from 1 to {CallQuery.MaxPageSize}.");
        }

        if (values["contactId"].ToString() is { Length: > 0 } contact)
        {
            query = Guid.TryParse(contact, out var contactId) ? query with { ContactId = contactId } : Fail("contactId", "The contact id is a UUID.");
        }

        if (values["direction"].ToString() is { Length: > 0 } direction)
        {
            query = direction.ToLowerInvariant() switch
            {
                "inbound" => query with { Direction = CallDirection.Inbound },
                "outbound" => query with { Direction = CallDirection.Outbound },
                _ => Fail("direction", "The direction is 'inbound' or 'outbound'."),
            };
        }

        if (values["status"].ToString() is { Length: > 0 } status)
        {
            query = CallStatusNames.TryParse(status, out var parsed)
                ? query with { Status = parsed }
                : Fail("status", $"The status is one of Twilio's: {string.Join(", ", CallStatusNames.All)}.");
        }

        if (values["includeChildLegs"].ToString() is { Length: > 0 } childLegs)
        {
            query = bool.TryParse(childLegs, out var include) ? query with { IncludeChildLegs = include } : Fail("includeChildLegs", "Use true or false.");
        }

        return problems.Count == 0 ? query : null;

        CallQuery Fail(string field, string message)
        {
            problems[field] = [message];
            return query;
        }
    }
}
