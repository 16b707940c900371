using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TwilioCallTracking.Simulator.Calls;
using TwilioCallTracking.Simulator.Rest;

namespace TwilioCallTracking.Testing;

/// <summary>One request the SDK sent to the fake Twilio server.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/2010-04-01/Accounts/AC…/Calls.json</c>.</param>
/// <param name="Form">The form fields in the order sent (repeated names kept).</param>
/// <param name="Authorization">The Authorization header (HTTP Basic).</param>
/// <param name="Query">The raw query string, e.g. <c>?RequestedChannels=2</c>.</param>
/// <param name="Range">The Range header, if any.</param>
public sealed record RecordedTwilioRequest(
    string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Form, string? Authorization, string Query = "", string? Range = null)
{
    /// <summary>Every value of a form field.</summary>
    public IReadOnlyList<string> All(string name) => Form.Where(p => p.Key == name).Select(p => p.Value).ToList();

    /// <summary>The first value of a form field.</summary>
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>What the fake answers: an HTTP status and a JSON body (Twilio's error shape for non-2xx).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Json">The JSON body.</param>
/// <param name="Delay">How long to wait before answering (to provoke client timeouts).</param>
public sealed record FakeTwilioResponse(int Status, string Json, TimeSpan Delay = default)
{
    /// <summary>Twilio's error JSON: <c>{code, message, more_info, status}</c>.</summary>
    public static FakeTwilioResponse Error(int status, int code, string message) => new(status, new TwilioApiError(status, code, message).ToJsonString());
}

/// <summary>
/// A fake Twilio REST API on a loopback Kestrel port. The real Twilio SDK talks to it over HTTP (point
/// <c>TwilioCallTrackingOptions.TwilioApiBaseUrl</c> at <see cref="BaseUrl"/>). It records every request, creates calls
/// with realistic JSON, answers call fetches from what it created, and can be told to answer anything else.
/// </summary>
public sealed class FakeTwilioServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _calls = new();

    private FakeTwilioServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedTwilioRequest> Requests { get; } = new();

    /// <summary>When set, answers a request instead of the default behaviour (return <see langword="null"/> to fall through).</summary>
    public Func<RecordedTwilioRequest, FakeTwilioResponse?>? Responder { get; set; }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeTwilioServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTwilioServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>
    /// Sets what a later fetch (or list) of <paramref name="callSid"/> returns (status, duration, price…); a call it never
    /// created is added, for <paramref name="accountSid"/>.
    /// </summary>
    public void SetCall(string callSid, Action<Dictionary<string, object?>> update, string accountSid = "AC00000000000000000000000000000000")
    {
        var call = _calls.GetOrAdd(callSid, sid => NewCallJson(sid, accountSid, "+15005550006", "+15005550006", "queued"));
        lock (call)
        {
            update(call);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = new List<KeyValuePair<string, string>>();
        if (context.Request.HasFormContentType)
        {
            foreach (var field in await context.Request.ReadFormAsync())
            {
                form.AddRange(field.Value.Select(v => new KeyValuePair<string, string>(field.Key, v ?? string.Empty)));
            }
        }

        var request = new RecordedTwilioRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", form, context.Request.Headers.Authorization.ToString(),
            context.Request.QueryString.Value ?? string.Empty, context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null);
        Requests.Enqueue(request);
        var response = Responder?.Invoke(request) ?? Default(request);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Json);
    }

    private FakeTwilioResponse Default(RecordedTwilioRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /2010-04-01/Accounts/{AccountSid}/Calls.json and /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json
        if (segments is ["2010-04-01", "Accounts", var account, "Calls.json"] && request.Method == "POST")
        {
            var sid = TwilioPayloads.NewCallSid();
            var call = NewCallJson(sid, account, request["To"] ?? "", request["From"] ?? "", "queued");
            _calls[sid] = call;
            return new FakeTwilioResponse(201, JsonSerializer.Serialize(call));
        }

        if (segments is ["2010-04-01", "Accounts", var owner, "Calls.json"] && request.Method == "GET")
        {
            // The list of calls, filtered by To and From as Twilio filters them.
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query);
            var found = _calls.Values
                .Select(c => { lock (c) { return new Dictionary<string, object?>(c); } })
                .Where(c => Equals(c["account_sid"], owner)
                    && (!query.TryGetValue("To", out var to) || Equals(c["to"], to.ToString()))
                    && (!query.TryGetValue("From", out var from) || Equals(c["from"], from.ToString())))
                .ToList();
            return new FakeTwilioResponse(200, JsonSerializer.Serialize(TwilioResourceJson.Page("calls", found, request.Path + request.Query, 50)));
        }

        if (segments is ["2010-04-01", "Accounts", _, "Calls", var file] && file.EndsWith(".json", StringComparison.Ordinal) && request.Method == "GET")
        {
            var sid = file[..^5];
            if (_calls.TryGetValue(sid, out var call))
            {
                lock (call)
                {
                    return new FakeTwilioResponse(200, JsonSerializer.Serialize(call));
                }
            }

            return FakeTwilioResponse.Error(404, 20404, $"The requested resource {request.Path} was not found");
        }

        return FakeTwilioResponse.Error(404, 20404, $"The fake Twilio server does not serve {request.Method} {request.Path}");
    }

    private static Dictionary<string, object?> NewCallJson(string sid, string account, string to, string from, string status)
    {
        var now = DateTimeOffset.UtcNow;
        return TwilioResourceJson.Call(new SimulatedCall
        {
            Sid = sid,
            AccountSid = account,
            To = to,
            From = from,
            Status = status,
            Direction = "outbound-api",
            DateCreated = now,
            DateUpdated = now,
        });
    }
}
