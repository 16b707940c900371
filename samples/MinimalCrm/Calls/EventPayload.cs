using System.Text.Encodings.Web;
using System.Text.Json;

namespace MinimalCrm.Calls;

/// <summary>Shows an event's stored payload (every parameter Twilio posted) indented, for the timeline.</summary>
public static class EventPayload
{
    // Relaxed escaping keeps "+14155550100" readable (the page HTML-encodes the text anyway).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The payload indented, or as stored when it is not JSON.</summary>
    public static string Pretty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
