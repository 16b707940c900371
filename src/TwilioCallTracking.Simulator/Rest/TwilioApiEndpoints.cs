using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TwilioCallTracking.Simulator.Calls;
using TwilioCallTracking.Simulator.Media;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>The slice of Twilio's REST API 2010-04-01 the simulator serves: accounts, calls, incoming numbers, recordings.</summary>
internal static class TwilioApiEndpoints
{
    private const int DefaultPageSize = 50;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/Accounts/{accountSid}.json", FetchAccount).AddEndpointFilter(AccountAuthentication.FilterAsync);
        var account = api.MapGroup("/Accounts/{accountSid}");
        account.MapPost("/Calls.json", CreateCallAsync).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapGet("/Calls.json", ListCalls).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapGet("/Calls/{callSid}.json", FetchCall).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapPost("/Calls/{callSid}.json", UpdateCallAsync).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapGet("/Calls/{callSid}/Recordings.json", ListCallRecordings).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapGet("/IncomingPhoneNumbers.json", ListIncomingPhoneNumbers).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapGet("/IncomingPhoneNumbers/{numberSid}.json", FetchIncomingPhoneNumber).AddEndpointFilter(AccountAuthentication.FilterAsync);
        account.MapPost("/IncomingPhoneNumbers/{numberSid}.json", UpdateIncomingPhoneNumberAsync).AddEndpointFilter(AccountAuthentication.FilterAsync);

        // Media is public unless the options say otherwise (Twilio's HTTP Basic on media is opt-in); metadata needs auth.
        account.MapGet("/Recordings/{file}", RecordingMediaEndpoint.Handle);
        api.Map("/{**path}", (HttpContext http) => TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult());
    }

    private static IResult FetchAccount(HttpContext http, TwilioSimulator simulator, string accountSid) =>
        simulator.Accounts.Find(accountSid) is { } found
            ? TwilioApiResults.Json(TwilioResourceJson.Account(found.Account, found.Created))
            : TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult();

    private static async Task<IResult> CreateCallAsync(HttpContext http, TwilioSimulator simulator)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var request = CreateCallRequest.Parse(form, http.Account(), out var error);
        if (request is null)
        {
            return error!.ToResult();
        }

        var baseUrl = simulator.ResolveBaseUrl(new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{simulator.RoutePrefix}/"));
        var call = simulator.StartOutboundCall(http.Account(), request, baseUrl);
        if (simulator.Options.CreateCallResponseDelay > TimeSpan.Zero)
        {
            // The call is placed; only its answer is late (the client may have given up by then).
            try
            {
                await Task.Delay(simulator.Options.CreateCallResponseDelay, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }
        }

        return TwilioApiResults.Json(TwilioResourceJson.Call(call), StatusCodes.Status201Created);
    }

    private static IResult ListCalls(HttpContext http, TwilioSimulator simulator, string accountSid)
    {
        var query = http.Request.Query;
        var calls = simulator.GetCalls()
            .Where(c => c.AccountSid == accountSid)
            .Where(c => Matches(query["To"], c.To) && Matches(query["From"], c.From) && Matches(query["Status"], c.Status)
                && Matches(query["ParentCallSid"], c.ParentCallSid))
            .OrderByDescending(c => c.DateCreated)
            .Select(TwilioResourceJson.Call)
            .ToList();
        return Page(http, "calls", calls);
    }

    private static IResult FetchCall(HttpContext http, TwilioSimulator simulator, string accountSid, string callSid) =>
        simulator.GetCall(callSid) is { } call && call.AccountSid == accountSid
            ? TwilioApiResults.Json(TwilioResourceJson.Call(call))
            : TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult();

    private static async Task<IResult> UpdateCallAsync(HttpContext http, TwilioSimulator simulator, string accountSid, string callSid)
    {
        if (simulator.GetCall(callSid) is not { } call || call.AccountSid != accountSid)
        {
            return TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult();
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var status = form["Status"].FirstOrDefault();
        if (status is not null && status is not ("canceled" or "completed"))
        {
            return TwilioApiError.BadRequest(21220, $"Invalid call state for this request: Status must be 'canceled' or 'completed', not '{status}'.").ToResult();
        }

        if (status is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            call = await simulator.HangUpAsync(callSid, status, timeout.Token) ?? call;
        }

        return TwilioApiResults.Json(TwilioResourceJson.Call(call));
    }

    private static IResult ListCallRecordings(HttpContext http, TwilioSimulator simulator, string accountSid, string callSid)
    {
        var recordings = (simulator.GetCall(callSid) is { } call && call.AccountSid == accountSid ? call.RecordingSids : [])
            .Select(simulator.GetRecording)
            .OfType<SimulatedRecording>()
            .Select(TwilioResourceJson.Recording)
            .ToList();
        return Page(http, "recordings", recordings);
    }

    private static IResult ListIncomingPhoneNumbers(HttpContext http, TwilioSimulator simulator, string accountSid)
    {
        var found = simulator.Accounts.Find(accountSid)!.Value;
        var query = http.Request.Query;
        var numbers = found.Account.PhoneNumbers
            .Where(n => Matches(query["PhoneNumber"], n.PhoneNumber) && Matches(query["FriendlyName"], n.FriendlyName ?? TwilioResourceJson.FormatNumber(n.PhoneNumber)))
            .Select(n => TwilioResourceJson.IncomingPhoneNumber(accountSid, n, found.Created))
            .ToList();
        return Page(http, "incoming_phone_numbers", numbers);
    }

    private static IResult FetchIncomingPhoneNumber(HttpContext http, TwilioSimulator simulator, string accountSid, string numberSid)
    {
        var found = simulator.Accounts.Find(accountSid)!.Value;
        return found.Account.PhoneNumbers.FirstOrDefault(n => n.Sid == numberSid) is { } number
            ? TwilioApiResults.Json(TwilioResourceJson.IncomingPhoneNumber(accountSid, number, found.Created))
            : TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult();
    }

    private static async Task<IResult> UpdateIncomingPhoneNumberAsync(HttpContext http, TwilioSimulator simulator, string accountSid, string numberSid)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        foreach (var name in new[] { "VoiceUrl", "StatusCallback" })
        {
            if (form[name].FirstOrDefault() is { Length: > 0 } value && !IsHttpUrl(value))
            {
                return TwilioApiError.BadRequest(21502, $"{name} is not a valid URL: {value}").ToResult();
            }
        }

        var updated = simulator.Accounts.UpdatePhoneNumber(accountSid, numberSid, number =>
        {
            if (form.ContainsKey("VoiceUrl"))
            {
                number.VoiceUrl = UrlOrNull(form["VoiceUrl"]);
            }

            if (form.ContainsKey("StatusCallback"))
            {
                number.StatusCallback = UrlOrNull(form["StatusCallback"]);
            }

            if (form["VoiceMethod"].FirstOrDefault() is "GET" or "POST")
            {
                number.VoiceMethod = form["VoiceMethod"]!;
            }

            if (form["StatusCallbackMethod"].FirstOrDefault() is "GET" or "POST")
            {
                number.StatusCallbackMethod = form["StatusCallbackMethod"]!;
            }

            if (form["FriendlyName"].FirstOrDefault() is { Length: > 0 } name)
            {
                number.FriendlyName = name;
            }
        });
        return updated is null
            ? TwilioApiError.NotFound(http.Request.Path.Value ?? "/").ToResult()
            : TwilioApiResults.Json(TwilioResourceJson.IncomingPhoneNumber(accountSid, updated, simulator.Accounts.Find(accountSid)!.Value.Created));
    }

    private static IResult Page(HttpContext http, string key, List<Dictionary<string, object?>> records)
    {
        var pageSize = int.TryParse(http.Request.Query["PageSize"], out var size) && size > 0 ? size : DefaultPageSize;
        var prefix = http.RequestServices.GetSimulator().RoutePrefix;
        var path = http.Request.Path.Value ?? "/";
        var uri = (prefix.Length > 0 && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? path[prefix.Length..] : path) + http.Request.QueryString;
        return TwilioApiResults.Json(TwilioResourceJson.Page(key, [.. records.Take(pageSize)], uri, pageSize));
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues filter, string? value) =>
        filter.Count == 0 || string.IsNullOrEmpty(filter[0]) || string.Equals(filter[0], value, StringComparison.Ordinal);

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static Uri? UrlOrNull(Microsoft.Extensions.Primitives.StringValues value) =>
        value.FirstOrDefault() is { Length: > 0 } text ? new Uri(text) : null;
}
