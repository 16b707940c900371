using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>The value converters of the model: Twilio's own strings for enums, UTC timestamps, the outbox's strings.</summary>
internal static class CallTrackingConverters
{
    /// <summary><c>queued</c>, <c>in-progress</c>, <c>no-answer</c>, … (the core's <see cref="CallStatusNames"/>).</summary>
    public static readonly ValueConverter<CallStatus, string> Status =
        new(status => status.ToTwilioString(), value => CallStatusNames.Parse(value));

    /// <summary><c>inbound</c> or <c>outbound</c> (the core's <see cref="CallDirectionNames"/>).</summary>
    public static readonly ValueConverter<CallDirection, string> Direction =
        new(direction => direction.ToStorageString(), value => CallDirectionNames.Parse(value));

    /// <summary><c>record-from-ringing-dual</c>, … (the core's <see cref="RecordingModeNames"/>).</summary>
    public static readonly ValueConverter<RecordingMode, string> RecordingMode =
        new(mode => mode.ToTwilioString(), value => RecordingModeNames.Parse(value));

    /// <summary><c>pending</c>, <c>delivered</c> or <c>dead</c> (<see cref="NotificationColumns.StateName"/>).</summary>
    public static readonly ValueConverter<NotificationDeliveryState, string> DeliveryState =
        new(state => NotificationColumns.StateName(state), value => NotificationColumns.ParseState(value));

    /// <summary><c>handler:Full.Type.Name</c> or <c>webhook:{id:N}</c> (<see cref="NotificationTarget.Value"/>).</summary>
    public static readonly ValueConverter<NotificationTarget, string> Target =
        new(target => target.Value, value => NotificationTarget.Parse(value));

    /// <summary>A JSON array of strings (<see cref="EventTypesColumn"/>).</summary>
    public static readonly ValueConverter<IReadOnlyList<string>, string> EventTypes =
        new(types => EventTypesColumn.Write(types), value => EventTypesColumn.Read(value));

    /// <summary>A URL as it was given (<see cref="Uri.OriginalString"/>: its escapes kept, unlike <see cref="Uri.ToString"/>).</summary>
    public static readonly ValueConverter<Uri, string> Url =
        new(url => url.OriginalString, value => new Uri(value, UriKind.RelativeOrAbsolute));

    /// <summary>
    /// Stores an instant as a UTC <see cref="DateTime"/> with microsecond precision: <c>timestamp with time zone</c> on
    /// PostgreSQL (whose precision is the microsecond), sortable ISO text on SQLite (which cannot order DateTimeOffset).
    /// Both databases therefore hold, sort and return the same values.
    /// </summary>
    public static readonly ValueConverter<DateTimeOffset, DateTime> UtcTimestamp =
        new(value => new DateTime(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc),
            value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    /// <summary>Truncates <paramref name="value"/> to what the database keeps (the microsecond).</summary>
    public static DateTimeOffset Stored(DateTimeOffset value) => UtcTimestamp.ConvertFromProviderTyped(UtcTimestamp.ConvertToProviderTyped(value));
}
