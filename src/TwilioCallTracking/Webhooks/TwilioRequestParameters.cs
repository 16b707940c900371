using System.Collections;
using System.Text.Json;

namespace TwilioCallTracking;

/// <summary>
/// The parameters of one request Twilio sent, in the order it sent them. Names are case-sensitive, as in Twilio's
/// signature, and a name may repeat (for example <c>StatusCallbackEvent</c>).
/// </summary>
public sealed class TwilioRequestParameters : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly KeyValuePair<string, string>[] _items;

    /// <summary>Creates the parameter set from name/value pairs, keeping their order and repeats.</summary>
    public TwilioRequestParameters(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>Creates the parameter set from name/value pairs.</summary>
    public static TwilioRequestParameters From(params (string Name, string Value)[] items) =>
        new(items.Select(i => new KeyValuePair<string, string>(i.Name, i.Value)));

    /// <summary>The first value of <paramref name="name"/>, or <see langword="null"/> when Twilio did not send it.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var item in _items)
            {
                if (string.Equals(item.Key, name, StringComparison.Ordinal))
                {
                    return item.Value;
                }
            }

            return null;
        }
    }

    /// <inheritdoc/>
    public KeyValuePair<string, string> this[int index] => _items[index];

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <summary>The first non-empty value of <paramref name="name"/>, or <see langword="null"/>.</summary>
    public string? GetNonEmpty(string name) => this[name] is { Length: > 0 } value ? value : null;

    /// <summary>Parses an integer parameter; <see langword="null"/> when absent or not a number.</summary>
    public int? GetInt32(string name) =>
        int.TryParse(this[name], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>
    /// Every parameter as one JSON object; a name Twilio repeated becomes an array of its values, in order.
    /// </summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var group in _items.GroupBy(i => i.Key, StringComparer.Ordinal))
            {
                var values = group.ToArray();
                if (values.Length == 1)
                {
                    writer.WriteString(group.Key, values[0].Value);
                }
                else
                {
                    writer.WriteStartArray(group.Key);
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(value.Value);
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
