using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>How the delivery log writes and reads <see cref="NotificationDeliveryState"/>: <c>pending</c>, <c>delivered</c>, <c>dead</c>.</summary>
internal static class NotificationDeliveryStateNames
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    public static string ToApiString(this NotificationDeliveryState state) => state switch
    {
        NotificationDeliveryState.Pending => Pending,
        NotificationDeliveryState.Delivered => Delivered,
        NotificationDeliveryState.Dead => Dead,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a delivery state."),
    };

    public static bool TryParse(string value, out NotificationDeliveryState state)
    {
        (var known, state) = value.ToLowerInvariant() switch
        {
            Pending => (true, NotificationDeliveryState.Pending),
            Delivered => (true, NotificationDeliveryState.Delivered),
            Dead => (true, NotificationDeliveryState.Dead),
            _ => (false, default),
        };
        return known;
    }
}
