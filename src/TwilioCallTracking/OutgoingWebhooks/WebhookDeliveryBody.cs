using System.Text;
using System.Text.Json;

namespace TwilioCallTracking;

/// <summary>
/// The JSON body of an outgoing webhook delivery: the notification's envelope (<c>id</c>, <c>type</c>, <c>version</c>,
/// <c>tenantId</c>, <c>callId</c>, <c>occurredAt</c>) around its <c>data</c>, exactly as stored.
/// </summary>
internal static class WebhookDeliveryBody
{
    public static string Of(CallNotification notification)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512 + notification.Data.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", notification.Id);
            writer.WriteString("type", notification.Type);
            writer.WriteNumber("version", notification.DataVersion);
            writer.WriteString("tenantId", notification.TenantId);
            writer.WriteString("callId", notification.CallId);
            writer.WriteString("occurredAt", notification.OccurredAt);
            writer.WritePropertyName("data");
            writer.WriteRawValue(notification.Data);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
