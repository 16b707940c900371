using System.Text.Json;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>Twilio's REST error body: <c>{code, message, more_info, status}</c>, which the SDK turns into an <c>ApiException</c>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">Twilio's error code, e.g. 21211.</param>
/// <param name="Message">Twilio's message.</param>
public sealed record TwilioApiError(int Status, int Code, string Message)
{
    /// <summary>Twilio's documentation page for the code.</summary>
    public string MoreInfo => $"https://www.twilio.com/docs/errors/{Code}";

    /// <summary>The error as Twilio's JSON object.</summary>
    public Dictionary<string, object?> ToJson() => new()
    {
        ["code"] = Code,
        ["message"] = Message,
        ["more_info"] = MoreInfo,
        ["status"] = Status,
    };

    /// <summary>The error as Twilio's JSON text.</summary>
    public string ToJsonString() => JsonSerializer.Serialize(ToJson(), SimulatorJson.Options);

    /// <summary>20003, HTTP 401: the credentials were missing or wrong.</summary>
    public static TwilioApiError Authenticate() => new(401, 20003, "Authenticate");

    /// <summary>20404, HTTP 404: no such resource.</summary>
    public static TwilioApiError NotFound(string path) => new(404, 20404, $"The requested resource {path} was not found");

    /// <summary>A validation error, HTTP 400.</summary>
    public static TwilioApiError BadRequest(int code, string message) => new(400, code, message);
}
