using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwilioCallTracking;

/// <summary>
/// The call as it was right after the change a <see cref="CallNotification"/> tells of: version 1 of
/// <see cref="CallNotification.Data"/>. Property names in JSON are camelCase; a property without a value is
/// <c>null</c>, never left out. Fields are only ever added to a version; a removal or a change of meaning is a new version.
/// </summary>
public sealed record CallNotificationData
{
    /// <summary>The version of the data this library writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The call's id in the CRM (the notification's <see cref="CallNotification.CallId"/>).</summary>
    public required Guid CallId { get; init; }

    /// <summary>Twilio's call SID, once known.</summary>
    public string? CallSid { get; init; }

    /// <summary>For a child leg (the forward to a rep's phone): the SID of the call it belongs to; otherwise <see langword="null"/>.</summary>
    public string? ParentCallSid { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>, as seen from the CRM.</summary>
    public required string Direction { get; init; }

    /// <summary>The caller's number (E.164).</summary>
    public required string From { get; init; }

    /// <summary>The called number (E.164).</summary>
    public required string To { get; init; }

    /// <summary>The call's status in Twilio's words: <c>queued</c>, <c>ringing</c>, <c>in-progress</c>, <c>completed</c>, …</summary>
    public required string Status { get; init; }

    /// <summary>
    /// The number that picked up, once the leg was answered: the called number of an outbound call or a child leg;
    /// <see langword="null"/> for an inbound call itself (the library's TwiML answers it; the rep's answer is its child leg's).
    /// </summary>
    public string? AnsweredBy { get; init; }

    /// <summary>When the leg was answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the leg ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The leg's duration in seconds, once ended.</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>The recording's SID, once complete (play it through the library's recording proxy, never Twilio's URL).</summary>
    public string? RecordingSid { get; init; }

    /// <summary>The recording's length in seconds.</summary>
    public int? RecordingDurationSeconds { get; init; }

    /// <summary>What Twilio charged (negative, as Twilio reports it), once priced.</summary>
    public decimal? Price { get; init; }

    /// <summary>The currency of <see cref="Price"/> (e.g. <c>USD</c>).</summary>
    public string? PriceUnit { get; init; }

    /// <summary>The CRM contact the call is linked to.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>The CRM user who placed the call (outbound), if any.</summary>
    public string? UserId { get; init; }

    /// <summary>Twilio's error code for a failed leg.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Twilio's error message for a failed leg.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The data of <paramref name="call"/> as it is now.</summary>
    public static CallNotificationData Of(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallNotificationData
        {
            CallId = call.Id,
            CallSid = call.TwilioCallSid,
            ParentCallSid = call.ParentCallSid,
            Direction = call.Direction.ToStorageString(),
            From = call.From,
            To = call.To,
            Status = call.Status.ToTwilioString(),
            AnsweredBy = call.AnsweredAt is null || (call.Direction == CallDirection.Inbound && call.ParentCallSid is null) ? null : call.To,
            AnsweredAt = call.AnsweredAt,
            EndedAt = call.EndedAt,
            DurationSeconds = call.DurationSeconds,
            RecordingSid = call.RecordingSid,
            RecordingDurationSeconds = call.RecordingDurationSeconds,
            Price = call.Price,
            PriceUnit = call.PriceUnit,
            ContactId = call.ContactId,
            UserId = call.UserId,
            ErrorCode = call.ErrorCode,
            ErrorMessage = call.ErrorMessage,
        };
    }

    /// <summary>This data as the JSON object stored in <see cref="CallNotification.Data"/>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CallNotificationJson.Default.CallNotificationData);

    internal static CallNotificationData Parse(int version, string json) =>
        version == CurrentVersion
            ? JsonSerializer.Deserialize(json, CallNotificationJson.Default.CallNotificationData)
              ?? throw new FormatException("The notification's data is JSON null.")
            : throw new NotSupportedException($"Notification data version {version} is not one this library reads (it reads version {CurrentVersion}).");
}

/// <summary>The JSON shape of notification data and of outgoing webhook bodies (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CallNotificationData))]
internal sealed partial class CallNotificationJson : JsonSerializerContext;
