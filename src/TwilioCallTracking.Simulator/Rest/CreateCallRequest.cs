using System.Globalization;
using Microsoft.AspNetCore.Http;
using TwilioCallTracking;
using TwilioCallTracking.Simulator.Calls;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>The form of <c>POST /2010-04-01/Accounts/{AccountSid}/Calls.json</c>, validated as Twilio validates it.</summary>
internal sealed record CreateCallRequest
{
    public required string To { get; init; }

    public required string From { get; init; }

    public Uri? Url { get; init; }

    public string Method { get; init; } = "POST";

    public string? Twiml { get; init; }

    public Uri? StatusCallback { get; init; }

    public string StatusCallbackMethod { get; init; } = "POST";

    public IReadOnlyList<string> StatusCallbackEvents { get; init; } = [];

    public bool Record { get; init; }

    public int RecordingChannels { get; init; } = 1;

    public Uri? RecordingStatusCallback { get; init; }

    public string RecordingStatusCallbackMethod { get; init; } = "POST";

    public IReadOnlyList<string> RecordingStatusCallbackEvents { get; init; } = ["completed"];

    public int TimeoutSeconds { get; init; } = 60;

    public string? PhoneNumberSid { get; init; }

    /// <summary>Reads and checks the form: <paramref name="error"/> is Twilio's error when it returns <see langword="null"/>.</summary>
    public static CreateCallRequest? Parse(IFormCollection form, SimulatedAccount account, out TwilioApiError? error)
    {
        error = null;
        var to = Value(form, "To");
        var from = Value(form, "From");
        var url = Value(form, "Url");
        var twiml = Value(form, "Twiml");
        var applicationSid = Value(form, "ApplicationSid");
        if (to is null)
        {
            error = TwilioApiError.BadRequest(21201, "No 'To' number is specified");
            return null;
        }

        if (from is null)
        {
            error = TwilioApiError.BadRequest(21213, "No 'From' number is specified");
            return null;
        }

        if (!TwilioSids.IsE164(to))
        {
            error = TwilioApiError.BadRequest(21211, $"Invalid 'To' Phone Number: {to}");
            return null;
        }

        if (CallScenarios.RejectionFor(to) is { } rejection)
        {
            error = rejection;
            return null;
        }

        if (!TwilioSids.IsE164(from))
        {
            error = TwilioApiError.BadRequest(21212, $"Invalid 'From' Phone Number: {from}");
            return null;
        }

        var number = account.PhoneNumbers.FirstOrDefault(n => n.PhoneNumber == from);
        if (number is null)
        {
            error = TwilioApiError.BadRequest(21210, $"The source phone number provided, {from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.");
            return null;
        }

        var instructions = new[] { url, twiml, applicationSid }.Count(v => v is not null);
        if (instructions == 0)
        {
            error = TwilioApiError.BadRequest(21205, "Url parameter is required. Please provide a Url, Twiml or ApplicationSid.");
            return null;
        }

        if (instructions > 1)
        {
            error = TwilioApiError.BadRequest(21205, "Only one of Url, Twiml and ApplicationSid may be given.");
            return null;
        }

        if (applicationSid is not null)
        {
            error = TwilioApiError.BadRequest(21218, $"Invalid ApplicationSid {applicationSid}: the simulator knows no TwiML applications; pass Url or Twiml.");
            return null;
        }

        Uri? answerUrl = null;
        if (url is not null && !TryHttpUrl(url, out answerUrl))
        {
            error = TwilioApiError.BadRequest(21205, $"Url is not a valid URL: {url}");
            return null;
        }

        if (twiml is { Length: > 4000 })
        {
            error = TwilioApiError.BadRequest(21205, "Twiml is longer than 4000 characters.");
            return null;
        }

        return new CreateCallRequest
        {
            To = to,
            From = from,
            Url = answerUrl,
            Method = MethodOf(form, "Method"),
            Twiml = twiml,
            StatusCallback = TryHttpUrl(Value(form, "StatusCallback"), out var statusCallback) ? statusCallback : null,
            StatusCallbackMethod = MethodOf(form, "StatusCallbackMethod"),
            StatusCallbackEvents = Values(form, "StatusCallbackEvent"),
            Record = string.Equals(Value(form, "Record"), "true", StringComparison.OrdinalIgnoreCase),
            RecordingChannels = string.Equals(Value(form, "RecordingChannels"), "dual", StringComparison.OrdinalIgnoreCase) ? 2 : 1,
            RecordingStatusCallback = TryHttpUrl(Value(form, "RecordingStatusCallback"), out var recordingCallback) ? recordingCallback : null,
            RecordingStatusCallbackMethod = MethodOf(form, "RecordingStatusCallbackMethod"),
            RecordingStatusCallbackEvents = Values(form, "RecordingStatusCallbackEvent") is { Length: > 0 } events ? events : ["completed"],
            TimeoutSeconds = int.TryParse(Value(form, "Timeout"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var timeout) ? Math.Clamp(timeout, 1, 600) : 60,
            PhoneNumberSid = number.Sid,
        };
    }

    private static string? Value(IFormCollection form, string name) => form[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    private static string[] Values(IFormCollection form, string name) =>
        [.. form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    private static string MethodOf(IFormCollection form, string name) =>
        string.Equals(Value(form, name), "GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST";

    private static bool TryHttpUrl(string? value, out Uri? url)
    {
        url = null;
        if (value is not null && Uri.TryCreate(value, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            url = parsed;
        }

        return url is not null;
    }
}
