using System.Buffers;
using System.Text.Json;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>One event of a call's timeline, with what Twilio posted (recording URLs removed).</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">A status (<c>ringing</c>, <c>completed</c>, …) or an event type such as <c>recording-completed</c>.</param>
/// <param name="SequenceNumber">Twilio's <c>SequenceNumber</c> of a status callback.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="Data">The event's payload: for a webhook, every parameter Twilio posted except <c>RecordingUrl</c>.</param>
public sealed record CallEventResponse(Guid Id, string Type, int? SequenceNumber, DateTimeOffset CreatedAt, JsonElement Data)
{
    /// <summary>The API's view of <paramref name="callEvent"/>.</summary>
    public static CallEventResponse Create(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return new CallEventResponse(callEvent.Id, callEvent.EventType, callEvent.SequenceNumber, callEvent.CreatedAt, Redact(callEvent.EventData));
    }

    // Twilio's recording URLs stay server-side: playback goes through an endpoint that checks the tenant.
    private static JsonElement Redact(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return document.RootElement.Clone();
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("RecordingUrl") && !string.Equals(property.Name, "recordingUrl", StringComparison.OrdinalIgnoreCase))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var redacted = JsonDocument.Parse(buffer.WrittenMemory);
        return redacted.RootElement.Clone();
    }
}
