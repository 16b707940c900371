using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Rest;

namespace TwilioCallTracking.Simulator.Control;

/// <summary>
/// The simulator's own endpoints (no Twilio counterpart), for a sample's buttons and for people: simulate an inbound
/// call, hang a call up, list calls, read the webhook and request logs. They carry no authentication: map them only
/// in development, or add authorization to the returned group.
/// </summary>
internal static class SimulatorControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/inbound-calls", SimulateInboundCallAsync);
        control.MapPost("/calls/{callSid}/hangup", HangUpAsync);
        control.MapGet("/calls", (TwilioSimulator simulator) => TwilioApiResults.Json(simulator.GetCalls().Select(TwilioResourceJson.Call).ToList()));
        control.MapGet("/webhooks", (TwilioSimulator simulator) => TypedResults.Ok(simulator.Log.Webhooks.Select(WebhookView.Of)));
        control.MapGet("/requests", (TwilioSimulator simulator) => TypedResults.Ok(simulator.Log.ApiRequests));
    }

    private static async Task<Results<Accepted<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> SimulateInboundCallAsync(
        HttpContext http, TwilioSimulator simulator)
    {
        SimulateInboundCallRequest? request;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            request = form["From"].FirstOrDefault() is { Length: > 0 } from && form["To"].FirstOrDefault() is { Length: > 0 } to
                ? new SimulateInboundCallRequest
                {
                    From = from,
                    To = to,
                    AnswerUrl = Uri.TryCreate(form["AnswerUrl"].FirstOrDefault(), UriKind.Absolute, out var url) ? url : null,
                }
                : null;
        }
        else
        {
            request = await http.Request.ReadFromJsonAsync<SimulateInboundCallRequest>(http.RequestAborted);
        }

        if (request is null || string.IsNullOrWhiteSpace(request.From) || string.IsNullOrWhiteSpace(request.To))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from"] = ["The caller's number is required, e.g. +14155550123."],
                ["to"] = ["The Twilio number called is required; it must belong to a simulated account."],
            });
        }

        simulator.ResolveBaseUrl(new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{simulator.RoutePrefix}/"));
        try
        {
            var call = await simulator.SimulateInboundCallAsync(request.From.Trim(), request.To.Trim(), request.AnswerUrl, http.RequestAborted);
            var uri = $"{simulator.RoutePrefix}/2010-04-01/Accounts/{call.AccountSid}/Calls/{call.Sid}.json";
            return TypedResults.Accepted(uri, TwilioResourceJson.Call(call));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "The call cannot be simulated");
        }
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, NotFound>> HangUpAsync(
        string callSid, TwilioSimulator simulator, CancellationToken cancellationToken)
    {
        var call = await simulator.HangUpAsync(callSid, "completed", cancellationToken);
        return call is null ? TypedResults.NotFound() : TypedResults.Ok(TwilioResourceJson.Call(call));
    }

    /// <summary>A webhook delivery for JSON readers: parameters as an object (a repeated name keeps its first value).</summary>
    private sealed record WebhookView(
        DateTimeOffset SentAt, string Kind, string CallSid, string Url, string Method, Dictionary<string, string> Parameters, int Attempt, int? ResponseStatus, string? Error)
    {
        public static WebhookView Of(SimulatorWebhookRecord r) => new(
            r.SentAt, r.Kind.ToString(), r.CallSid, r.Url, r.Method,
            r.Parameters.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            r.Attempt, r.ResponseStatus, r.Error);
    }
}
