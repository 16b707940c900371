using System.Text.Encodings.Web;
using System.Text.Json;
using TwilioCallTracking;

namespace MinimalCrm.Calls;

/// <summary>
/// Shows an event's stored payload (every parameter Twilio posted) for the timeline: redacted by the library's
/// <see cref="CallPayloadRedaction"/> (no recording URL, no account SID, no Twilio URL reaches the browser), indented.
/// </summary>
public static class EventPayload
{
    // Relaxed escaping keeps "+14155550100" readable (the page HTML-encodes the text anyway).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The payload redacted and indented, or redacted as stored when it is not JSON.</summary>
    public static string Pretty(string json)
    {
        var redacted = CallPayloadRedaction.RedactJson(json);
        try
        {
            using var document = JsonDocument.Parse(redacted);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return redacted;
        }
    }
}
