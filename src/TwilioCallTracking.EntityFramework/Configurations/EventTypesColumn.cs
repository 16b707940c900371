using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// <see cref="WebhookSubscription.EventTypes"/> in one text column, as a JSON array of strings (<c>["call.ended"]</c>;
/// <c>[]</c> for every type): the same text on both databases, whatever a type's characters.
/// </summary>
internal static class EventTypesColumn
{
    /// <summary>Compares lists by their items, in order (the list is a value, not an entity).</summary>
    public static readonly ValueComparer<IReadOnlyList<string>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        list => list.Aggregate(0, (hash, type) => HashCode.Combine(hash, type.GetHashCode(StringComparison.Ordinal))),
        list => list.ToArray());

    /// <summary>The JSON array of <paramref name="types"/>.</summary>
    public static string Write(IReadOnlyList<string> types) => new JsonArray([.. types.Select(t => JsonValue.Create(t))]).ToJsonString();

    /// <summary>The types of a stored JSON array.</summary>
    public static IReadOnlyList<string> Read(string json) =>
        JsonNode.Parse(json) is JsonArray array
            ? [.. array.Select(node => node?.GetValue<string>() ?? throw new FormatException("An event type is JSON null."))]
            : throw new FormatException("The event types are not a JSON array.");
}
