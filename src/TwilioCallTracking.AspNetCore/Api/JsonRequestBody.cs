using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// Reads a JSON API request's body, the same way for every API of this package: 415 when it is not sent as JSON, 400
/// (naming the field that did not parse) when it is not valid JSON for <typeparamref name="T"/>.
/// </summary>
/// <typeparam name="T">The request record.</typeparam>
internal sealed class JsonRequestBody<T>
    where T : class
{
    private JsonRequestBody(T? value, ProblemHttpResult? notJson, ValidationProblem? malformed)
    {
        Value = value;
        NotJson = notJson;
        Malformed = malformed;
    }

    /// <summary>The body; <see langword="null"/> when it was JSON <c>null</c> or did not parse.</summary>
    public T? Value { get; }

    /// <summary>The 415 to answer when the body was not sent as JSON.</summary>
    public ProblemHttpResult? NotJson { get; }

    /// <summary>The 400 to answer when the body is not valid JSON for <typeparamref name="T"/>.</summary>
    public ValidationProblem? Malformed { get; }

    /// <summary>Reads the body of <paramref name="http"/>'s request.</summary>
    /// <param name="http">The request's context.</param>
    /// <param name="noun">What the body is, for the messages ("call").</param>
    /// <param name="example">A valid body, shown when the body is not JSON.</param>
    public static async Task<JsonRequestBody<T>> ReadAsync(HttpContext http, string noun, string example)
    {
        if (!http.Request.HasJsonContentType())
        {
            return new(null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"Send the {noun} as JSON: {example}."), null);
        }

        try
        {
            return new(await http.Request.ReadFromJsonAsync<T>(http.RequestAborted), null, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return new(null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [field] = [$"The request body is not valid JSON for a {noun}: {ex.Message}"],
            }));
        }
    }
}
