using System.Text.Json;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>One event of a call's timeline, with what Twilio posted (redacted by <see cref="CallPayloadRedaction"/>).</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">A status (<c>ringing</c>, <c>completed</c>, …) or an event type such as <c>recording-completed</c>.</param>
/// <param name="SequenceNumber">Twilio's <c>SequenceNumber</c> of a status callback.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="Data">
/// The event's payload: for a webhook, every parameter Twilio posted except <c>RecordingUrl</c> and <c>AccountSid</c>;
/// account SIDs and Twilio URLs inside the other values are replaced by <see cref="CallPayloadRedaction.Placeholder"/>.
/// </param>
public sealed record CallEventResponse(Guid Id, string Type, int? SequenceNumber, DateTimeOffset CreatedAt, JsonElement Data)
{
    /// <summary>The API's view of <paramref name="callEvent"/>.</summary>
    public static CallEventResponse Create(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return new CallEventResponse(callEvent.Id, callEvent.EventType, callEvent.SequenceNumber, callEvent.CreatedAt, Redact(callEvent.EventData));
    }

    // Twilio's recording URLs and the account SID stay server-side: playback goes through an endpoint that checks the tenant.
    private static JsonElement Redact(string json)
    {
        var redacted = CallPayloadRedaction.RedactJson(json);
        try
        {
            using var document = JsonDocument.Parse(redacted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (never written by this library): served as one string.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(redacted.Length + 2);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStringValue(redacted);
            }

            using var text = JsonDocument.Parse(buffer.WrittenMemory);
            return text.RootElement.Clone();
        }
    }
}
