using System.Text.Json;

namespace TwilioCallTracking;

/// <summary>Writes the small JSON objects of events this library records itself.</summary>
internal static class JsonPayload
{
    public static string Of(params (string Name, string? Value)[] fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
