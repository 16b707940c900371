using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TwilioCallTracking;

/// <summary>
/// Takes out of what a call shows (an event's stored payload, a call's error message) everything that must stay on the
/// server: Twilio's recording URL (its media can be fetched by anyone who has it, unless the account requires
/// authentication for media), any other URL on Twilio's hosts, and the account SID. Use it for everything served to a
/// browser or an API client; play recordings through an endpoint that checks the tenant instead.
/// </summary>
/// <remarks>
/// A JSON object loses its <c>RecordingUrl</c> and <c>AccountSid</c> members (names compared ignoring case and
/// underscores, so <c>recording_url</c> and <c>account_sid</c> go too, at any depth); in every string that remains, an
/// account SID (<c>AC</c> + 32 hex digits) or a URL on <c>twilio.com</c> / <c>twiliocdn.com</c> becomes
/// <see cref="Placeholder"/>. Everything else is kept as posted.
/// </remarks>
public static partial class CallPayloadRedaction
{
    /// <summary>What replaces an account SID or a Twilio URL found inside a text.</summary>
    public const string Placeholder = "[redacted]";

    private static readonly string[] RemovedMembers = ["recordingurl", "accountsid"];

    /// <summary>
    /// <paramref name="json"/> (a <see cref="CallEvent.EventData"/>) without the recording URL, Twilio URLs and the
    /// account SID, as compact JSON; a text that is not JSON is redacted as text (<see cref="RedactText"/>).
    /// </summary>
    /// <param name="json">The stored payload.</param>
    public static string RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return RedactText(json);
        }

        using (document)
        {
            var buffer = new ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, document.RootElement);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    /// <summary><paramref name="text"/> with every account SID and every URL on Twilio's hosts replaced by <see cref="Placeholder"/>.</summary>
    /// <param name="text">Free text, e.g. <see cref="Call.ErrorMessage"/> (Twilio's messages can quote a resource URL).</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? RedactText(string? text) =>
        string.IsNullOrEmpty(text) ? text : AccountSid().Replace(TwilioUrl().Replace(text, Placeholder), Placeholder);

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsRemoved(property.Name))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(RedactText(element.GetString()));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static bool IsRemoved(string name)
    {
        var normalized = name.Replace("_", string.Empty, StringComparison.Ordinal);
        return RemovedMembers.Any(removed => string.Equals(normalized, removed, StringComparison.OrdinalIgnoreCase));
    }

    // An account SID on its own (not inside a longer word or hex string).
    [GeneratedRegex("(?<![0-9A-Za-z])AC[0-9a-fA-F]{32}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSid();

    // An absolute URL on a Twilio host: api.twilio.com (REST resources, recording media), its regional hosts, the CDN.
    [GeneratedRegex(@"https?://(?:[A-Za-z0-9-]+\.)*twilio(?:cdn)?\.com(?![A-Za-z0-9.-])[^\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwilioUrl();
}
